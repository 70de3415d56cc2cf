using System.Diagnostics;
using Xunit.Abstractions;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// Ctrl+C through the real <c>freqlab</c> process: SIGINT finishes the current row, writes a checkpoint, exits 130;
/// <c>--resume</c> then gives the numbers of a run that was never interrupted.
/// </summary>
public class TrainInterruptTests(ITestOutputHelper output)
{
    // Enough work that the run is still going when the signal lands (~2,000 rows × 300 epochs on the fused engine).
    private static readonly string[] Run = ["train", "--engine", "fused", "--max-rows", "2000", "--hidden", "16", "--epochs", "300"];

    [Fact]
    public async Task Sigint_checkpoints_exits_130_and_resume_matches_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        var folder = dir.File("run");
        var freqlab = Path.Combine(AppContext.BaseDirectory, "freqlab.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { freqlab }.Concat(Run).Append("--out").Append(folder)) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();

        // Redirected, the verb prints one line per epoch: the first one says training is under way.
        var first = process.StandardOutput.ReadLine();
        Assert.True(first is not null && first.StartsWith("epoch 1/300", StringComparison.Ordinal), $"unexpected first line: {first}");
        Signal(process.Id, "INT");
        var rest = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var errors = await stderr;
        output.WriteLine(first + "\n" + rest + errors);

        Assert.Equal(130, process.ExitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("freqlab: cancelled", line);
        var interrupted = HistoryJson.Read(Path.Combine(folder, "history.json"));
        Assert.Equal(StopReason.Cancelled, interrupted.Stop);
        Assert.True(interrupted.Epochs.Count < 300, "the run finished before the signal: it proves nothing");
        Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "last.safetensors")));

        // Resume to two epochs past the interruption; the same config run straight through must give the same epochs.
        int epochs = interrupted.Epochs.Count + 2;
        var resumed = Freqlab.Run("train", "--resume", folder, "--epochs", $"{epochs}", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        var straight = Freqlab.Run([.. Run[..^1], $"{epochs}", "--out", dir.File("straight"), "--json"]);
        Assert.True(straight.ExitCode == 0, straight.StdErr);

        var a = HistoryJson.DeserializeHistory(resumed.StdOut);
        var b = HistoryJson.DeserializeHistory(straight.StdOut);
        Assert.Equal(StopReason.Completed, a.Stop);
        Assert.Equal(epochs, a.Epochs.Count);
        Assert.Equal(b.Epochs.Select(Numbers), a.Epochs.Select(Numbers));
    }

    private static string Numbers(EpochRecord e) =>
        System.Text.Json.JsonSerializer.Serialize(e with { Seconds = 0 }, HistoryJson.Options);

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}")!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
