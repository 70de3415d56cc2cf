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

    // One cell, one seed, one epoch of the quick matrix: a run is milliseconds, so every hostile variant can be run.
    private static readonly LearnabilitySettings One = Settings with
    {
        Noises = [FrequencyLab.Signals.NoiseMode.PerSample], Windows = [1], Resets = [FrequencyLab.Training.ResetPolicy.PerEpoch], InitSeeds = [0], Epochs = 1,
        Recipe = null,
    };

    [Fact]
    public void Any_variant_of_a_stored_run_history_is_reused_continued_or_one_line()
    {
        using var dir = new TempDir();
        var first = new LearnabilityMatrix(One) { OutputFolder = dir.Path }.Run();
        Assert.True(first.Cells[0].Runs[0].TestMse >= 0);
        var history = Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "runs"), "history.json", SearchOption.AllDirectories));
        var json = File.ReadAllText(history);
        HostileInput.JsonVariants(json).Sample(bytes => HostileInput.AssertTotal(history, bytes, "history.json", _ =>
        {
            // A variant that is still a history of this run is read as one (its numbers are what it says); anything else is one line.
            var again = new LearnabilityMatrix(One) { OutputFolder = dir.Path }.Run();
            Assert.True(again.Cells[0].Runs[0].TestMse is >= 0 or double.NaN);
        }), iter: 60, threads: 1);
    }

    [Fact]
    public void A_matrix_folder_of_the_old_layout_is_refused_with_one_line_and_left_as_it_was()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "runs"));
        var old = Path.Combine(dir.Path, "runs", $"{Cell.Key}-seed0.json");
        File.WriteAllText(old, RunJson(0.2));
        var e = Assert.ThrowsAny<FrequencyLabException>(() => new LearnabilityMatrix(One) { OutputFolder = dir.Path }.Run());
        HostileInput.AssertOneLine(e.Message, dir.Path);
        Assert.Contains("format 1", e.Message);
        Assert.Equal(RunJson(0.2), File.ReadAllText(old));
        Assert.False(File.Exists(Path.Combine(dir.Path, "settings.json")));
    }
}
