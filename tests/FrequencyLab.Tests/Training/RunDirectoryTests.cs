using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

public class RunDirectoryTests
{
    [Fact]
    public void A_folder_holding_a_run_or_other_files_is_refused_and_left_untouched()
    {
        using var dir = new TempDir();
        var c = Config(epochs: 1);
        var run = RunDirectory.CreateNew(dir.File("run"), c);
        var before = File.ReadAllText(run.ConfigPath);

        var same = Assert.Throws<FrequencyLabException>(() => RunDirectory.CreateNew(run.Path, c));
        Assert.Contains("already holds this run", same.Message);
        var different = Assert.Throws<FrequencyLabException>(() => RunDirectory.CreateNew(run.Path, c with { Reset = ResetPolicy.Never }));
        Assert.Contains("holds a run of other settings (reset: \"perEpoch\" vs \"never\")", different.Message);
        Assert.Equal(before, File.ReadAllText(run.ConfigPath));

        File.WriteAllText(dir.File("notes.txt"), "mine");
        var foreign = Assert.Throws<FrequencyLabException>(() => RunDirectory.CreateNew(dir.Path, c));
        Assert.Contains("not empty", foreign.Message);
        Assert.Equal("mine", File.ReadAllText(dir.File("notes.txt")));
        Assert.False(File.Exists(dir.File("config.json")));
    }

    [Fact]
    public void Resume_needs_a_run_folder()
    {
        using var dir = new TempDir();
        Assert.Contains("holds no run", Assert.Throws<FrequencyLabException>(() => RunDirectory.OpenExisting(dir.Path)).Message);
        RunDirectory.CreateNew(dir.Path, Config());
        Assert.Equal(Config(), RunDirectory.OpenExisting(dir.Path).ReadConfig());
    }
}
