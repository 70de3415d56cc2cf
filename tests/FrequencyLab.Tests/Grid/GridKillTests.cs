using System.Diagnostics;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Grid;

/// <summary>kill -9 of a real <c>freqlab sweep</c> while its batch of runs is training: the same command again resumes every
/// run from its own last checkpoint and ends with the numbers of each run trained alone.</summary>
public class GridKillTests
{
    private static readonly string[] Sweep =
        ["sweep", "--lr", "1e-2,3e-3", "--init-seed", "0,1", "--engine", "fused", "--max-rows", "2000", "--hidden", "16", "--epochs", "60", "--workers", "2"];

    [Fact]
    public void A_killed_batch_resumes_every_run_to_the_numbers_of_the_run_trained_alone()
    {
        using var dir = new TempDir();
        var folder = dir.File("sweep");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "freqlab.dll") }.Concat(Sweep).Append("--out").Append(folder)) psi.ArgumentList.Add(arg);
        using (var process = Process.Start(psi)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            // Wait until every run of the batch has checkpointed at least one epoch (they advance in turn), then kill -9.
            var clock = Stopwatch.StartNew();
            while (!Checkpointed(folder, 4) && clock.Elapsed < TimeSpan.FromMinutes(2) && !process.HasExited) Thread.Sleep(20);
            Assert.False(process.HasExited, "the sweep finished before it could be killed: it proves nothing");
            using var kill = Process.Start("kill", $"-KILL {process.Id}")!;
            kill.WaitForExit();
            process.WaitForExit();
        }
        var interrupted = Directory.GetDirectories(folder).Select(f => HistoryJson.Read(Path.Combine(f, "history.json"))).ToArray();
        Assert.Equal(4, interrupted.Length);
        Assert.All(interrupted, h => Assert.True(h.Epochs.Count is > 0 and < 60, $"{h.Epochs.Count} epochs before the kill"));

        var again = Freqlab.Run([.. Sweep, "--out", folder]);
        Assert.True(again.ExitCode == 0, again.StdErr);
        var results = SweepResults.Load(folder);
        Assert.True(results.AllFinished);
        foreach (var point in results.Points)
        {
            var alone = new StatefulTrainer(point.Point.Config, TrainingData.Load(point.Point.Config.Data)).Run();
            // The numbers of every epoch (the environment differs: another process wrote these).
            Assert.Equal(StopReason.Completed, point.History!.Stop);
            Assert.Equal(alone.Epochs.Select(Numbers), point.History.Epochs.Select(Numbers));
        }
    }

    private static string Numbers(EpochRecord e) => System.Text.Json.JsonSerializer.Serialize(e with { Seconds = 0 }, HistoryJson.Options);

    // history.json is written (atomically) after the epoch's checkpoint: an epoch in it means both are there.
    private static bool Checkpointed(string folder, int runs) => Directory.Exists(folder)
        && Directory.GetDirectories(folder).Count(f => File.Exists(Path.Combine(f, "history.json"))
            && HistoryJson.Read(Path.Combine(f, "history.json")).Epochs.Count > 0) >= runs;
}
