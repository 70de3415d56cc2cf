using System.Diagnostics;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>
/// The fused engine promises the same bits whatever vectors the CPU has: 16 lanes (AVX-512), 8 (AVX2), or .NET's
/// software vectors (no AVX). On the machine the test runs on, the widths .NET can switch off (DOTNET_EnableAVX512=0, .NET
/// 10's switch for AVX-512, and DOTNET_EnableAVX=0) run as child <c>freqlab train</c> processes; each history must equal
/// the native one bit for bit.
/// On an AVX-512 machine that compares all three widths; on an AVX2 machine, two.
/// </summary>
public class VectorWidthTests
{
    [Theory]
    [InlineData("--lr", "1e-3", "--hidden", "64")]                                               // L = 1, the report's shape
    [InlineData("--lr", "1e-2", "--hidden", "24", "--window", "10", "--reset", "per-block")]       // BPTT, rows not whole vectors
    [InlineData("--lr", "1e-3", "--hidden", "32", "--optimizer", "sgd", "--accumulate", "3")]
    public void A_run_gives_the_same_history_at_every_vector_width_the_machine_can_switch_off(params string[] options)
    {
        using var dir = new TempDir();
        TrainingHistory Train(string name, string? variable)
        {
            var folder = dir.File(name);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "freqlab.dll"), "train", "--epochs", "2", "--max-rows", "3000" }
                         .Concat(options).Concat(["--out", folder]))
                psi.ArgumentList.Add(arg);
            if (variable is not null) psi.Environment[variable] = "0";
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(180_000), $"{name}: freqlab train did not finish in 3 minutes");
            Assert.True(process.ExitCode == 0, $"{name}: {stderr.Result}");
            return HistoryJson.Read(Path.Combine(folder, "history.json"));
        }

        var native = Train("native", null);
        var noAvx = Train("no-avx", "DOTNET_EnableAVX");
        // The switch took: the child ran narrower vectors than this machine's widest (else the comparison proves nothing).
        Assert.True(noAvx.Environment.Numerics!.DotnetVectorBits < native.Environment.Numerics!.DotnetVectorBits,
            $"{noAvx.Environment.Numerics.DotnetVectorBits} vs {native.Environment.Numerics.DotnetVectorBits} bits");
        Assert.Equal(TrainerFixtures.EpochNumbers(native), TrainerFixtures.EpochNumbers(noAvx));
        if (native.Environment.Numerics.DotnetVectorBits == 512)
        {
            var avx2 = Train("avx2", "DOTNET_EnableAVX512");
            Assert.Equal(256, avx2.Environment.Numerics!.DotnetVectorBits);
            Assert.Equal(TrainerFixtures.EpochNumbers(native), TrainerFixtures.EpochNumbers(avx2));
        }
    }
}
