using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

public class EpochJudgeTests
{
    private static EpochJudge Judge(TrainingConfig c) => new(c, new TrainerState
    {
        History = new TrainingHistory
        {
            Config = c, TrainData = new DataProvenance("generated", 1), TestData = new DataProvenance("generated", 1),
            Environment = new RunEnvironment("x", new Dictionary<string, string>(), "", ""),
        },
    });

    [Fact]
    public void Non_finite_train_loss_stops_before_the_schedule_or_early_stopping_see_it()
    {
        var c = TrainingConfig.Report with { Plateau = new PlateauSettings(Patience: 0), EarlyStopping = new EarlyStoppingSettings(Patience: 1) };
        var judge = Judge(c);
        judge.Judge(1, 0.3, 0.5, -1);
        var v = judge.Judge(2, double.NaN, 0.5, 1234);
        Assert.Equal(StopReason.NonFinite, v.Stop);
        Assert.Contains("row 1234", v.Message);
        var state = judge.Capture(null!, 0, null, 0);
        Assert.Equal(1, state.Plateau!.LastEpoch);
        Assert.Equal(0, state.EarlyStopping!.WaitCount);
    }

    [Fact]
    public void The_monitor_chooses_which_number_the_schedule_and_stopping_watch()
    {
        var onTest = Judge(TrainingConfig.Report with { Monitor = MonitorMetric.TestMse, EarlyStopping = new EarlyStoppingSettings(Patience: 1) });
        Assert.True(onTest.Judge(1, 0.3, 0.5, -1).NewBest);
        // Train loss falls, test MSE does not: on the test monitor that is no improvement.
        var v = onTest.Judge(2, 0.1, 0.6, -1);
        Assert.Equal(StopReason.EarlyStopping, v.Stop);
        Assert.False(v.NewBest);
        var onTrain = Judge(TrainingConfig.Report with { EarlyStopping = new EarlyStoppingSettings(Patience: 1) });
        onTrain.Judge(1, 0.3, 0.5, -1);
        Assert.True(onTrain.Judge(2, 0.1, 0.6, -1) is { Stop: StopReason.Running, NewBest: true });
    }
}
