using System.Text.Json;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Diagnostics.DiagnosticsFixtures;

namespace FrequencyLab.Tests.Diagnostics;

public class DiagnoseVerbTests
{
    [Fact]
    public void Prints_the_reports_table_alerts_and_trend_verdicts_for_a_history()
    {
        using var dir = new TempDir();
        var path = dir.File("history.json");
        HistoryJson.Write(path, History(ReportLosses));
        var r = Freqlab.Run("diagnose", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Contains("0.284746", r.StdOut);
        Assert.Contains("+42.5 %", r.StdOut);
        Assert.Contains("+62.4 %", r.StdOut);
        Assert.Contains("−1.0 %", r.StdOut);
        Assert.Contains("LossJump", r.StdOut);
        Assert.Contains("ConsecutiveIncreases", r.StdOut);
        Assert.Contains("best train loss at epoch 1", r.StdOut);
        // Five epochs, one fall: exact p = 10/120 ≥ 0.05, so the rise is not established.
        Assert.Contains("[inconclusive] Does the train loss rise across epochs?", r.StdOut);
        Assert.Contains("[supported] Does the train loss diverge", r.StdOut);
    }

    [Fact]
    public void Json_carries_the_trajectories_and_findings()
    {
        using var dir = new TempDir();
        var path = dir.File("history.json");
        HistoryJson.Write(path, History([0.5, 0.4, 0.3, 0.25, 0.2, 0.15], frozenTest: [0.6, 0.5, 0.4, 0.35, 0.3, 0.2]));
        var r = Freqlab.Run("diagnose", path, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal(6, root.GetProperty("epochs").GetInt32());
        Assert.Equal(6, root.GetProperty("trainLoss").GetProperty("rows").GetArrayLength());
        Assert.Equal(-15, root.GetProperty("trainLoss").GetProperty("trend").GetProperty("s").GetDouble());
        var verdicts = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("verdict").GetString()!).ToArray();
        // best at epoch 6 (not 1), train loss falls significantly (exact p = 2/720), test MSE falls, no divergence.
        Assert.Equal(["contradicted", "contradicted", "contradicted", "contradicted"], verdicts);
    }

    [Theory]
    [InlineData("missing", "no such file")]
    [InlineData("truncated", "not a valid history")]
    [InlineData("foreign", "not a valid history")]
    [InlineData("empty", "no epochs")]
    [InlineData("nan", "NaN")]
    [InlineData("array", "not a valid history")]
    public void Bad_history_is_one_line_exit_1_and_nothing_is_written(string kind, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("history.json");
        var good = HistoryJson.Serialize(History(ReportLosses));
        switch (kind)
        {
            case "truncated": File.WriteAllText(path, good[..(good.Length / 2)]); break;
            case "foreign": File.WriteAllText(path, "{\"points\": [], \"grid\": {\"learningRates\": [0.001]}}"); break;
            case "empty": HistoryJson.Write(path, History([])); break;
            case "nan": HistoryJson.Write(path, History([0.3, double.NaN])); break;
            case "array": File.WriteAllText(path, "[1, 2, 3]"); break;
        }
        var before = Directory.GetFiles(dir.Path).ToDictionary(f => f, File.ReadAllBytes);
        var r = Freqlab.Run("diagnose", path);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.Contains(expected, line);
        Assert.Equal("", r.StdOut);
        var after = Directory.GetFiles(dir.Path);
        Assert.Equal(before.Keys.Order(), after.Order());
        foreach (var f in after) Assert.Equal(before[f], File.ReadAllBytes(f));
    }

    [Fact]
    public void A_bad_flag_is_exit_2_and_help_names_the_verb()
    {
        Assert.Equal(2, Freqlab.Run("diagnose", "x.json", "--bogus").ExitCode);
        var help = Freqlab.Run("diagnose", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("HISTORY", help.StdOut);
    }
}
