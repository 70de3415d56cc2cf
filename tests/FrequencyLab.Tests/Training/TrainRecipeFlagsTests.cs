using FrequencyLab.Model;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary><c>freqlab train</c>'s schedule, input-scaling and forget-gate flags through the real entry point: they reach
/// config.json and history.json, unparsable values exit 2, impossible or contradictory ones exit 1, with one line and
/// nothing written.</summary>
public class TrainRecipeFlagsTests
{
    private static string[] Args(string dir, params string[] extra) =>
        ["train", "--max-rows", "200", "--hidden", "8", "--engine", "fused", "--epochs", "2", "--out", dir, .. extra];

    [Fact]
    public void The_flags_reach_the_stored_config_and_the_history_records_the_input_statistics()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), "--noise", "additive", "--input-scaling", "standardize", "--forget-init", "chrono", "--chrono-max", "300",
            "--schedule", "one-cycle", "--schedule-unit", "step", "--one-cycle-pct-start", "0.25", "--one-cycle-div", "10", "--one-cycle-final-div", "100"));
        Assert.Equal(0, r.ExitCode);
        var config = RunDirectory.OpenExisting(dir.File("run")).ReadConfig();
        Assert.Equal(InputScaling.Standardize, config.InputScaling);
        Assert.Equal(new ForgetGateInit { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 300 }, config.ForgetGate);
        Assert.Equal(new LearningRateSchedule { Kind = ScheduleKind.OneCycle, PctStart = 0.25, DivFactor = 10, FinalDivFactor = 100 }, config.Schedule);
        var history = HistoryJson.Read(Path.Combine(dir.File("run"), "history.json"));
        Assert.Equal(config, history.Config);
        Assert.NotNull(history.InputScale);

        // A budget-dependent schedule cannot be stretched on resume: one line, exit 1, and the folder is left alone.
        var stretched = Freqlab.Run(["train", "--resume", dir.File("run"), "--epochs", "3"]);
        Assert.Equal(1, stretched.ExitCode);
        Assert.Contains("one-cycle schedule is spread over the run's 2 epochs", Assert.Single(stretched.ErrorLines));
        Assert.Equal(2, RunDirectory.OpenExisting(dir.File("run")).ReadConfig().Epochs);

        using var warm = new TempDir();
        Assert.Equal(0, Freqlab.Run(Args(warm.File("run"), "--warmup-epochs", "1", "--warmup-start-factor", "0.2", "--schedule-unit", "epoch")).ExitCode);
        Assert.Equal(new LearningRateSchedule { Kind = ScheduleKind.LinearWarmup, WarmupEpochs = 1, WarmupStartFactor = 0.2, Unit = ScheduleUnit.Epoch },
            RunDirectory.OpenExisting(warm.File("run")).ReadConfig().Schedule);
    }

    [Theory]
    [InlineData("--schedule", "exponential")]
    [InlineData("--schedule-unit", "batch")]
    [InlineData("--cosine-floor", "low")]
    [InlineData("--cosine-floor", "NaN")]
    [InlineData("--input-scaling", "minmax")]
    [InlineData("--forget-init", "ones")]
    [InlineData("--chrono-max", "long")]
    public void Unparsable_values_are_one_line_and_exit_2(params string[] flags)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), flags));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("freqlab: error:", Assert.Single(r.ErrorLines));
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Theory]
    [InlineData("cosine floor 1 must be in [0, 1)", "--schedule", "cosine", "--cosine-floor", "1")]
    [InlineData("--cosine-floor applies only to --schedule cosine", "--cosine-floor", "0.1")]
    [InlineData("--one-cycle-div applies only to --schedule one-cycle", "--schedule", "cosine", "--one-cycle-div", "5")]
    [InlineData("warm-up epochs apply to the linear-warmup schedule, not to cosine", "--schedule", "cosine", "--warmup-epochs", "1")]
    [InlineData("--schedule constant and --warmup-epochs contradict each other", "--schedule", "constant", "--warmup-epochs", "1")]
    [InlineData("the linear-warmup schedule needs at least 1 warm-up epoch", "--schedule", "linear-warmup")]
    [InlineData("one-cycle over 2 epochs with pct start 0.3 has no rise", "--schedule", "one-cycle", "--schedule-unit", "epoch")]
    [InlineData("--forget-bias applies only to --forget-init constant", "--forget-bias", "1")]
    [InlineData("--chrono-max applies only to --forget-init chrono", "--forget-init", "constant", "--chrono-max", "10")]
    [InlineData("chrono max time scale 2 must be a number above 2", "--forget-init", "chrono", "--chrono-max", "2")]
    public void Impossible_or_contradictory_values_are_one_line_exit_1_and_create_nothing(string expected, params string[] flags)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), flags));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(expected, Assert.Single(r.ErrorLines));
        Assert.False(Directory.Exists(dir.File("run")));
    }
}
