namespace FrequencyLab.Training;

/// <summary>What the end of an epoch decided.</summary>
/// <param name="Events">Alerts, learning-rate cuts, early stop, new best — with the numbers that fired them.</param>
/// <param name="Stop"><see cref="StopReason.Running"/> to go on.</param>
/// <param name="Message">One line on why the run stops (null when it goes on or completes).</param>
/// <param name="NewBest">The monitored value is the lowest so far: write the best checkpoint.</param>
public sealed record EpochVerdict(IReadOnlyList<TrainingEvent> Events, StopReason Stop, string? Message, bool NewBest);

/// <summary>
/// The decisions taken after each epoch, in this order: divergence alerts on the train loss (NaN/Inf stops the run
/// before anything else), ReduceLROnPlateau.step(monitor), early stopping on the monitor, and the best value so far.
/// Holds the state of all four, which <see cref="Capture"/> puts in checkpoints.
/// </summary>
public sealed class EpochJudge
{
    private readonly TrainingConfig _config;
    private readonly ReduceLROnPlateau? _plateau;
    private readonly EarlyStopping? _stopper;
    private DivergenceAlertState _alerts;
    private double _best;

    public EpochJudge(TrainingConfig config, TrainerState state)
    {
        _config = config;
        _plateau = config.Plateau is { } p
            ? new ReduceLROnPlateau(p, state.Plateau ?? new PlateauState(config.LearningRate, double.PositiveInfinity, 0, 0, 0))
            : null;
        _stopper = config.EarlyStopping is { } e ? new EarlyStopping(e, state.EarlyStopping ?? new EarlyStopping(e).State) : null;
        _alerts = state.Alerts;
        _best = state.BestMonitored;
    }

    /// <summary>The scheduler's learning rate for the next epoch.</summary>
    public double LearningRate => _plateau?.LearningRate ?? _config.LearningRate;

    private string MonitorName => _config.Monitor == MonitorMetric.TestMse ? "test MSE" : "train loss";

    /// <summary>Judges epoch <paramref name="epoch"/> and advances every state.</summary>
    public EpochVerdict Judge(int epoch, double trainLoss, double testMse, long firstNonFiniteRow)
    {
        var (alertEvents, nextAlerts) = DivergenceAlerts.Evaluate(_alerts, epoch, trainLoss);
        _alerts = nextAlerts;
        var events = alertEvents.ToList();
        if (!double.IsFinite(trainLoss))
            return new EpochVerdict(events, StopReason.NonFinite,
                $"train loss is {trainLoss} in epoch {epoch} (first non-finite row loss at row {firstNonFiniteRow}): numerical instability, the run stops", false);

        double monitored = _config.Monitor == MonitorMetric.TestMse ? testMse : trainLoss;
        var stop = StopReason.Running;
        string? message = null;
        if (_plateau is not null)
        {
            double before = _plateau.LearningRate;
            if (_plateau.Step(monitored))
                events.Add(new TrainingEvent(TrainingEventKind.LearningRateReduced, epoch,
                    $"{MonitorName} {monitored:G6} has not improved on {_plateau.State.Best:G6}: learning rate {before:G6} → {_plateau.LearningRate:G6}",
                    new Dictionary<string, double> { ["from"] = before, ["to"] = _plateau.LearningRate, ["monitored"] = monitored, ["best"] = _plateau.State.Best }));
        }
        if (_stopper is not null)
        {
            var verdict = _stopper.Check(monitored, epoch);
            if (EarlyStopping.ShouldStop(verdict))
            {
                stop = StopReason.EarlyStopping;
                message = "early stopping: " + _stopper.Describe(verdict, MonitorName, monitored);
                events.Add(new TrainingEvent(TrainingEventKind.EarlyStop, epoch, message,
                    new Dictionary<string, double> { ["monitored"] = monitored, ["best"] = _stopper.State.BestScore, ["wait"] = _stopper.State.WaitCount }));
            }
        }
        bool newBest = double.IsFinite(monitored) && monitored < _best;
        if (newBest)
        {
            events.Add(new TrainingEvent(TrainingEventKind.NewBest, epoch, $"new best {MonitorName} {monitored:G6}",
                new Dictionary<string, double> { ["monitored"] = monitored, ["previous"] = _best }));
            _best = monitored;
        }
        return new EpochVerdict(events, stop, message, newBest);
    }

    /// <summary>The trainer state at this point, for a checkpoint.</summary>
    public TrainerState Capture(TrainingHistory history, int row, EpochAccumulator? partial, long optimizerSteps) => new()
    {
        History = history, Row = row, Partial = partial, OptimizerSteps = optimizerSteps,
        Plateau = _plateau?.State, EarlyStopping = _stopper?.State, Alerts = _alerts, BestMonitored = _best,
    };
}
