using System.Diagnostics;
using System.Text.Json;
using FrequencyLab.Bench;
using FrequencyLab.Cli.Verbs;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Bench;

/// <summary>
/// scripts/bench_pytorch.py ships with freqlab (copied into the build output), so the PyTorch row of <c>freqlab bench</c>
/// works from a copy of the tool outside any checkout — it used to say "not found above the freqlab binary".
/// </summary>
public class BenchScriptShippingTests
{
    private static string CliOutput => RepoPaths.Combine("src", "FrequencyLab.Cli", "bin", "Release", "net10.0");

    [Fact]
    public void The_build_output_holds_the_repository_script_and_finds_it_first()
    {
        var shipped = Path.Combine(CliOutput, "scripts", "bench_pytorch.py");
        Assert.True(File.Exists(shipped), shipped);
        foreach (var name in new[] { "bench_pytorch.py", "reference_model.py" })
            Assert.Equal(File.ReadAllBytes(RepoPaths.Combine("scripts", name)), File.ReadAllBytes(Path.Combine(CliOutput, "scripts", name)));
        Assert.Equal(Path.GetFullPath(shipped), BenchVerb.FindScript(CliOutput));
    }

    [Fact]
    public async Task A_copy_of_the_tool_outside_the_repository_measures_the_pytorch_row()
    {
        using var tmp = new TempDir();
        Assert.False(tmp.Path.StartsWith(RepoPaths.Root, StringComparison.Ordinal));
        // The managed part of the output (the native libtorch under runtimes/ is not needed by the PyTorch row) and scripts/.
        foreach (var file in Directory.GetFiles(CliOutput)) File.Copy(file, Path.Combine(tmp.Path, Path.GetFileName(file)));
        Directory.CreateDirectory(tmp.File("scripts"));
        foreach (var file in Directory.GetFiles(Path.Combine(CliOutput, "scripts")))
            File.Copy(file, Path.Combine(tmp.File("scripts"), Path.GetFileName(file)));

        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = tmp.Path,
        };
        foreach (var a in new[] { tmp.File("freqlab.dll"), "bench", "--only", BenchEngines.PyTorch, "--steps", "20", "--warmup-seconds", "0", "--json" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 0, await stderr);
        var row = JsonSerializer.Deserialize<BenchRow>((await stdout).Trim().Split('\n')[^1], HistoryJson.Options)!;
        Assert.True(row.Available, row.Reason);
        Assert.Equal(20, row.ModelSteps);
    }
}
