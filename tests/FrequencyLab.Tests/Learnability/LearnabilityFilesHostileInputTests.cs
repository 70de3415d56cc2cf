using System.Text.Json;
using CsCheck;
using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;

namespace FrequencyLab.Tests.Learnability;

/// <summary>A matrix folder's settings.json and stored runs made hostile: a value or one line naming the file; a stored run
/// with a negative MSE is refused, one with a NaN or infinite MSE is not used (trained again).</summary>
public class LearnabilityFilesHostileInputTests
{
    private static readonly LearnabilitySettings Settings = StudyScales.Quick.Learnability;
    private static readonly LearnabilityCell Cell = Settings.Cells()[0];

    private static string RunJson(double testMse) => JsonSerializer.Serialize(
        new SeedRun(Cell, Settings.InitSeeds[0], testMse, [.. Enumerable.Repeat(0.25, Settings.Spec.FrequencyCount)], 0.3, Settings.Epochs, 2.5),
        LearnabilityResults.JsonOptions);

    private static LearnabilityMatrix Matrix(TempDir dir)
    {
        var m = new LearnabilityMatrix(Settings) { OutputFolder = dir.Path };
        m.PrepareFolder();
        return m;
    }

    [Fact]
    public void Any_variant_of_settings_json_is_settings_or_one_line()
    {
        using var dir = new TempDir();
        var m = Matrix(dir);
        var json = File.ReadAllText(m.SettingsPath);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(m.SettingsPath, bytes, "settings.json",
            _ => LearnabilityMatrix.For(quick: true, dir.Path)), iter: 300, threads: 1);
    }

    [Fact]
    public void Any_variant_of_a_stored_run_is_used_retrained_or_one_line()
    {
        using var dir = new TempDir();
        var m = Matrix(dir);
        var path = m.RunPath(Cell, Settings.InitSeeds[0]);
        File.WriteAllText(path, RunJson(0.2));
        Assert.Equal(0.2, m.ReadRun(Cell, Settings.InitSeeds[0])!.TestMse);
        HostileInput.JsonVariants(RunJson(0.2)).Sample(bytes => HostileInput.AssertTotal(path, bytes, Path.GetFileName(path), _ =>
        {
            if (m.ReadRun(Cell, Settings.InitSeeds[0]) is { } run)
            {
                Assert.True(double.IsFinite(run.TestMse) && run.TestMse >= 0);
                Assert.All(run.TestMsePerFrequency, v => Assert.False(v < 0));
            }
        }), iter: 300, threads: 1);
    }

    [Fact]
    public void A_negative_mse_is_refused_and_a_non_finite_one_is_not_used()
    {
        using var dir = new TempDir();
        var m = Matrix(dir);
        var path = m.RunPath(Cell, Settings.InitSeeds[0]);
        File.WriteAllText(path, RunJson(-0.5));
        var e = Assert.Throws<DataFileException>(() => m.ReadRun(Cell, Settings.InitSeeds[0]));
        HostileInput.AssertOneLine(e.Message, path);
        Assert.Contains("testMse: -0.5 is negative", e.Message);
        foreach (var value in new[] { double.NaN, double.PositiveInfinity })
        {
            File.WriteAllText(path, RunJson(value));
            Assert.Null(m.ReadRun(Cell, Settings.InitSeeds[0]));
        }
        File.WriteAllText(path, RunJson(double.NegativeInfinity));
        Assert.Throws<DataFileException>(() => m.ReadRun(Cell, Settings.InitSeeds[0]));
    }
}
