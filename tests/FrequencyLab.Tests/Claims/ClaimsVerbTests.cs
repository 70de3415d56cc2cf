using System.Text.Json;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Claims;

public class ClaimsVerbTests
{
    [Fact]
    public void A_foreign_claims_file_is_one_line_exit_1_and_the_previous_claims_json_stays()
    {
        using var dir = new TempDir();
        var foreign = dir.File("foreign.json");
        File.WriteAllText(foreign, "{\"name\": \"not claims\"}");
        var previous = dir.File("claims.json");
        File.WriteAllText(previous, "previous result");
        var r = Freqlab.Run("claims", "--quick", "--claims", foreign, "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("not a claims file", r.StdErr);
        Assert.Equal("previous result", File.ReadAllText(previous));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "runs")));
    }

    [Fact]
    public void A_truncated_claims_file_is_refused()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(RepoPaths.Combine("data", "report-claims.json"));
        File.WriteAllText(dir.File("cut.json"), text[..(text.Length / 2)]);
        var r = Freqlab.Run("claims", "--claims", dir.File("cut.json"), "--out", dir.File("out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("invalid JSON", r.StdErr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void An_out_that_is_a_file_is_refused_and_left_alone()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("taken"), "keep");
        var r = Freqlab.Run("claims", "--quick", "--out", dir.File("taken"));
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("is a file", r.StdErr);
        Assert.Equal("keep", File.ReadAllText(dir.File("taken")));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--workers", "x")]
    public void Bad_flags_exit_2_with_one_line(params string[] extra)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(["claims", "--out", dir.Path, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
    }

    [Theory]
    [InlineData("--init-seed", "1,1", "an init seed is given twice")]
    [InlineData("--seconds", "0", "duration 0 must be positive")]
    public void Impossible_settings_exit_1_before_any_work(string flag, string value, string expected)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("claims", "--out", dir.File("out"), flag, value);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(expected, r.StdErr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Quick_mode_judges_every_claim_labels_itself_and_reuses_its_runs()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("claims", "--quick", "--out", dir.Path);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("QUICK MODE", r.StdOut);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("claims.json")));
        var claims = doc.RootElement.GetProperty("claims").EnumerateArray().ToArray();
        Assert.True(claims.Length >= 20);
        Assert.All(claims, c => Assert.StartsWith("[QUICK MODE", c.GetProperty("experiment").GetString()));
        Assert.All(claims, c => Assert.True(c.GetProperty("evidence").GetArrayLength() > 0, c.GetProperty("id").GetString()));
        var first = File.ReadAllText(dir.File("claims.json"));
        var again = Freqlab.Run("claims", "--quick", "--out", dir.Path, "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(first, File.ReadAllText(dir.File("claims.json")));
    }
}
