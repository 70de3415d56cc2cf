using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Learnability;

/// <summary>The matrix trains several runs at once; what it measures must not depend on how many.</summary>
public class LearnabilityWorkersTests
{
    [Fact]
    public void Two_workers_give_the_numbers_of_one_in_the_matrix_order_and_a_stored_matrix_reopens_as_itself()
    {
        var settings = StudyScales.Quick.Learnability with { Epochs = 1, Label = "workers-test" };
        var one = new LearnabilityMatrix(settings) { Workers = 1 }.Run();
        using var tmp = new TempDir();
        var two = new LearnabilityMatrix(settings) { Workers = 2, OutputFolder = tmp.Path }.Run();

        Assert.Equal(one.Cells.Select(c => c.Cell), two.Cells.Select(c => c.Cell));
        Assert.Equal(one.Cells.SelectMany(c => c.Runs).Select(r => (r.Cell, r.InitSeed, r.TestMse, r.TrainLoss)),
            two.Cells.SelectMany(c => c.Runs).Select(r => (r.Cell, r.InitSeed, r.TestMse, r.TrainLoss)));
        Assert.Equal(one.Cells.Select(c => c.Verdict), two.Cells.Select(c => c.Verdict));
        Assert.Equal(one.Recipe!.Ablation.SelectMany(a => a.Without.Runs).Select(r => (r.InitSeed, r.TestMse)),
            two.Recipe!.Ablation.SelectMany(a => a.Without.Runs).Select(r => (r.InitSeed, r.TestMse)));

        // What notebook 06 opens when given the folder: these settings (not the quick or full default), every run read back.
        var reopened = LearnabilityMatrix.For(quick: false, tmp.Path);
        Assert.Equal(settings, reopened.Settings with { Noises = settings.Noises, Windows = settings.Windows, Resets = settings.Resets, InitSeeds = settings.InitSeeds, Recipe = settings.Recipe });
        Assert.Equal(settings.Recipe, reopened.Settings.Recipe! with { Noises = settings.Recipe!.Noises });
        Assert.Equal(settings.Recipe.Noises, reopened.Settings.Recipe.Noises);
        Assert.Equal("workers-test", reopened.Settings.Label);
        var read = reopened.Run();
        Assert.Equal(two.Cells.SelectMany(c => c.Runs).Select(r => r.TestMse), read.Cells.SelectMany(c => c.Runs).Select(r => r.TestMse));
    }

    [Fact]
    public void A_settings_file_that_is_not_a_matrix_is_one_line()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("settings.json"), "{\"noises\": [\"sideways\"]}");
        var e = Assert.Throws<DataFileException>(() => LearnabilityMatrix.For(quick: true, tmp.Path));
        Assert.Contains("settings.json", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
