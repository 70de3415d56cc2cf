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
        Assert.Equal(["target", "horizon", "reach", "probabilityByHorizon", "asymptote", "models", "summary"], root.EnumerateObject().Select(p => p.Name));
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
    public void A_bad_flag_is_exit_2(string flag, string value)
    {
        using var dir = new TempDir();
        var path = Csv(dir, "c.csv", "epoch,value\n1,0.5\n2,0.4\n3,0.3\n");
        var args = flag == "--target" ? new[] { "predict", path, flag, value } : new[] { "predict", path, "--target", "0.01", flag, value };
        var r = Freqlab.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
    }
}
