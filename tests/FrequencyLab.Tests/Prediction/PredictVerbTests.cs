using System.Text.Json;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Prediction;

public class PredictVerbTests
{
    private static string Csv(TempDir dir, string name, string text)
    {
        var path = dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(1, 12).Select(e => $"{e},{(0.01 + 0.4 * Math.Pow(e, -0.9) * (1 + 0.02 * Math.Sin(7 * e))).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var path = Csv(dir, "curve.csv", "epoch,value\n" + string.Join("\n", values) + "\n");
        var r = Freqlab.Run("predict", path, "--target", "0.05", "--horizon", "60", "--replicates", "40", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal(["target", "horizon", "reach", "probabilityByHorizon", "asymptote", "models", "band", "calibration", "summary"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.05, root.GetProperty("target").GetDouble());
        Assert.Equal(60, root.GetProperty("horizon").GetInt32());
        foreach (var name in new[] { "reach", "asymptote" })
            Assert.Equal(["median", "lower", "upper"], root.GetProperty(name).EnumerateObject().Select(p => p.Name));
        double probability = root.GetProperty("probabilityByHorizon").GetDouble();
        Assert.InRange(probability, 0, 1);
        var models = root.GetProperty("models").EnumerateArray().ToArray();
        Assert.Contains(models, m => m.GetProperty("name").GetString() == "pow3");
        Assert.All(models, m => Assert.Equal(["name", "weight", "parameters"], m.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(1, models.Sum(m => m.GetProperty("weight").GetDouble()), 9);
        Assert.Contains("P(at or below 0.05 by epoch 60)", root.GetProperty("summary").GetString());

        // The calibrated band: epochs 13 … 60 (the shipped calibration measured forecasts up to 45 epochs ahead), then the calibration used.
        var band = root.GetProperty("band").EnumerateArray().ToArray();
        Assert.Equal(13, band[0].GetProperty("epoch").GetInt32());
        Assert.All(band, b => Assert.Equal(["epoch", "median", "lower", "upper"], b.EnumerateObject().Select(p => p.Name)));
        Assert.All(band, b => Assert.True(b.GetProperty("lower").GetDouble() <= b.GetProperty("median").GetDouble() && b.GetProperty("median").GetDouble() <= b.GetProperty("upper").GetDouble()));
        var calibration = root.GetProperty("calibration");
        Assert.Equal(["status", "message", "source", "level", "curves", "realCurves", "groups", "heldOutEpochs", "rawCoverage", "calibratedCoverage", "horizons", "reach"],
            calibration.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Calibrated", calibration.GetProperty("status").GetString());
        var stored = FrequencyLab.Prediction.ForecastCalibration.Embedded();
        Assert.Equal(Math.Min(60, 12 + stored.MaxAhead) - 12, band.Length);
        Assert.Equal(stored.RealCurves, calibration.GetProperty("realCurves").GetInt32());
        Assert.Equal(["1", "2–5", "6–10", "11–20", "21+"], calibration.GetProperty("horizons").EnumerateArray()
            .Select(h => h.GetProperty("to").ValueKind == JsonValueKind.Null ? $"{h.GetProperty("from").GetInt32()}+" : h.GetProperty("from").GetInt32() == h.GetProperty("to").GetInt32() ? $"{h.GetProperty("from").GetInt32()}" : $"{h.GetProperty("from").GetInt32()}–{h.GetProperty("to").GetInt32()}"));
        Assert.Equal(["backtests", "brier", "baseRateBrier"], calibration.GetProperty("reach").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Too_few_epochs_get_no_band_and_say_so()
    {
        using var dir = new TempDir();
        var path = Csv(dir, "short.csv", "epoch,value\n1,0.5\n2,0.4\n3,0.35\n4,0.33\n");
        var r = Freqlab.Run("predict", path, "--target", "0.05", "--replicates", "40", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Empty(doc.RootElement.GetProperty("band").EnumerateArray());
        Assert.Equal("TooFewPoints", doc.RootElement.GetProperty("calibration").GetProperty("status").GetString());
        Assert.Contains("no calibrated band: 4 points", doc.RootElement.GetProperty("calibration").GetProperty("message").GetString());
    }

    [Fact]
    public void Calibration_on_a_folder_of_runs_is_used_and_saved()
    {
        using var dir = new TempDir();
        var runs = ForecastCalibrationTests.RunsFolder(dir, configurations: 3);
        var curve = Directory.GetFiles(runs, "history.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var saved = dir.File("out/calibration.json");
        var r = Freqlab.Run("predict", curve, "--target", "0.01", "--replicates", "20", "--calibration", runs, "--save-calibration", saved, "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var calibration = doc.RootElement.GetProperty("calibration");
        Assert.Equal(12, calibration.GetProperty("realCurves").GetInt32());
        Assert.Equal(Path.GetFullPath(runs), calibration.GetProperty("source").GetString());
        var read = FrequencyLab.Prediction.ForecastCalibration.Load(saved);
        Assert.Equal(12, read.RealCurves);
        Assert.Equal(20, read.Replicates);
        // The saved file is read back by --calibration FILE and gives the same band.
        var again = Freqlab.Run("predict", curve, "--target", "0.01", "--replicates", "20", "--calibration", saved, "--json");
        Assert.Equal(0, again.ExitCode);
        using var doc2 = JsonDocument.Parse(again.StdOut);
        Assert.Equal(doc.RootElement.GetProperty("band").ToString(), doc2.RootElement.GetProperty("band").ToString());
    }

    [Theory]
    [InlineData("cal.json", "{\"schemaVersion\": 1, \"kind\": \"frequencylab-forecast-calibration\"", "not a valid forecast calibration")]
    [InlineData("cal.json", "[]", "not a valid forecast calibration")]
    [InlineData("missing.json", null, "file not found")]
    [InlineData("runs", "", "no history.json below it")]
    public void A_bad_calibration_is_one_line_and_exit_1(string name, string? content, string words)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        if (name == "runs") Directory.CreateDirectory(path);
        else if (content is not null) File.WriteAllText(path, content);
        var curve = Csv(dir, "c.csv", "epoch,value\n1,0.5\n2,0.4\n3,0.3\n4,0.25\n5,0.22\n6,0.2\n");
        var r = Freqlab.Run("predict", curve, "--target", "0.01", "--replicates", "20", "--calibration", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error: ", r.ErrorLines[0]);
        Assert.Contains(words, r.ErrorLines[0]);
        Assert.Empty(r.StdOut);
    }

    [Fact]
    public void Terminal_output_has_the_tables_and_the_verdict()
    {
        using var dir = new TempDir();
        var path = Csv(dir, "report.csv", "epoch,value\n1,0.284746\n2,0.405873\n3,0.411108\n4,0.462460\n5,0.458013\n");
        var r = Freqlab.Run("predict", path, "--target", "0.01", "--replicates", "40");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ensemble", r.StdOut);
        Assert.Contains("prediction band", r.StdOut);
        Assert.Contains("verdict: ", r.StdOut);
        Assert.Contains("rising", r.StdOut);
        Assert.Contains("calibrated upper", r.StdOut);
        // Five epochs: the shipped calibration was cut at 5 points or more, so this forecast gets its calibrated band.
        Assert.Contains("band: Calibrated — calibrated on", r.StdOut);
        Assert.Contains("held-out coverage of the 90 % band by epochs ahead (raw → calibrated): 1: ", r.StdOut);
    }

    [Theory]
    [InlineData("missing", null, "no such file")]
    [InlineData("empty.csv", "", "empty file")]
    [InlineData("foreign.csv", "t,S,C1,C2,C3,C4,target\n0,0.1,1,0,0,0,0\n", "header epoch,value")]
    [InlineData("truncated.csv", "epoch,value\n1,0.5\n2,0.4\n3,", "line 4")]
    [InlineData("nan.csv", "epoch,value\n1,0.5\n2,NaN\n3,0.3\n", "NaN")]
    [InlineData("history.json", "{\"schemaVersion\": 1, \"config\": {", "not a valid history")]
    [InlineData("other.json", "{\"schemaVersion\": 7}", "")]
    public void A_bad_file_is_one_line_and_exit_1(string name, string? content, string words)
    {
        using var dir = new TempDir();
        var path = content is null ? dir.File(name) : Csv(dir, name, content);
        var r = Freqlab.Run("predict", path, "--target", "0.01");
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error: ", r.ErrorLines[0]);
        Assert.Contains(words, r.ErrorLines[0]);
        Assert.Empty(r.StdOut);
    }

    [Theory]
    [InlineData("--target", "0")]
    [InlineData("--target", "abc")]
    [InlineData("--horizon", "0")]
    [InlineData("--metric", "valid")]
    [InlineData("--calibration", null)]
    [InlineData("--save-calibration", null)]
    public void A_bad_flag_is_exit_2(string flag, string? value)
    {
        using var dir = new TempDir();
        var path = Csv(dir, "c.csv", "epoch,value\n1,0.5\n2,0.4\n3,0.3\n");
        var args = flag == "--target" ? new[] { "predict", path, flag, value! }
            : value is null ? new[] { "predict", path, "--target", "0.01", flag } : new[] { "predict", path, "--target", "0.01", flag, value };
        var r = Freqlab.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
    }
}
