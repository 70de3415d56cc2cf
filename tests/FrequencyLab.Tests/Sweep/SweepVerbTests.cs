using System.Text.Json;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Sweep;

/// <summary><c>freqlab sweep</c> through the real entry point, on 400-row runs.</summary>
public class SweepVerbTests
{
    /// <summary>The quick grid's arguments; an extra flag that is already there replaces its value.</summary>
    private static string[] Args(string dir, params string[] extra)
    {
        var args = new List<string> { "--lr", "1e-2,3e-3", "--init-seed", "0,1", "--epochs", "2", "--max-rows", "400", "--hidden", "8",
            "--order", "interleaved", "--workers", "2", "--out", dir };
        for (int i = 0; i < extra.Length; i++)
        {
            int at = args.IndexOf(extra[i]);
            bool hasValue = i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal) || extra[i] == "--lr";
            if (at >= 0 && hasValue) { args[at + 1] = extra[++i]; continue; }
            args.Add(extra[i]);
        }
        return ["sweep", .. args];
    }

    [Fact]
    public void Runs_the_grid_prints_a_line_per_point_and_a_rerun_skips_them_all()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("sweep")));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("[4/4]", r.StdOut);
        Assert.Contains("lr=3e-3_seed=1_reset=per-epoch_order=interleaved", r.StdOut);
        Assert.Contains("4 points (4 completed; 0 found finished and skipped)", r.StdOut);
        foreach (var p in SweepIndex.Read(dir.File("sweep/sweep.json")).Points)
        {
            var h = HistoryJson.Read(Path.Combine(dir.File("sweep"), p.Folder, "history.json"));
            Assert.Equal(("fused", 8, 2), (h.Environment.Engine, h.Config.HiddenSize, h.Epochs.Count));
        }
        var again = Freqlab.Run(Args(dir.File("sweep")));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("4 found finished and skipped", again.StdOut);
    }

    [Fact]
    public void Json_prints_the_index()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("sweep"), "--reset", "per-epoch,never", "--json"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(8, points.GetArrayLength());
        Assert.All(points.EnumerateArray(), p => Assert.Equal("completed", p.GetProperty("status").GetString()));
        Assert.Equal(File.ReadAllText(dir.File("sweep/sweep.json")).Trim(), r.StdOut.Trim());
    }

    [Theory]
    [InlineData("--lr", "0", "learning rate 0 must be a positive number")]
    [InlineData("--epochs", "0", "epochs 0 must be at least 1")]
    public void Bad_input_is_one_line_exit_1_and_writes_nothing(string flag, string value, string expected)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("sweep"), flag, value));
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error:", line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(dir.File("sweep")));
    }

    [Fact]
    public void Missing_out_or_lr_is_one_line()
    {
        var noOut = Freqlab.Run("sweep", "--lr", "1e-3");
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out SWEEP_DIR is required", Assert.Single(noOut.ErrorLines));
        using var dir = new TempDir();
        var noLr = Freqlab.Run("sweep", "--out", dir.File("s"));
        Assert.Equal(2, noLr.ExitCode);
        Assert.Contains("--lr is required", Assert.Single(noLr.ErrorLines));
    }
}
