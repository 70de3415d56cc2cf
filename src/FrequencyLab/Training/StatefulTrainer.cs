using System.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Model;

namespace FrequencyLab.Training;

/// <summary>
/// The report's L=1 trainer: one row at a time with the carried LSTM state, driving an <see cref="ITrainingEngine"/>; with
/// <see cref="TrainingConfig.Window"/> L &gt; 1, truncated BPTT over windows of L rows (<see cref="IWindowedTrainingEngine"/>).
/// </summary>
/// <remarks>
/// Per epoch:
/// <code>
/// reset (h, c) per the policy (per epoch: at the start; per block: also at each change of frequency; never: only
///   before epoch 1; stateless: before every row); optionally forget the optimizer state (Hypothesis 2)
/// for each row: loss = engine.ForwardBackward(x, y, 1/k)            — the loss before this row's update
///   every k rows (and at the epoch's last row): engine.OptimizerStep(lr·schedule(step), clip)   — clip, step, zero grads
/// window L > 1 instead: for each window (L rows, cut at a per-block reset): one ForwardBackwardWindow (loss = mean over the
///   window, backward through it, state detached at its end), then one OptimizerStep
/// train loss = mean of the row losses; per-block loss = the same mean over each frequency's rows
/// frozen evaluation: a no-grad stateful pass (state zeroed at its start, then the same policy) over train and test
/// alerts on the train loss; ReduceLROnPlateau.step(monitor); early stopping on the monitor (<see cref="EpochJudge"/>);
///   checkpoints; history.json
/// </code>
/// Cancellation finishes the current row (the current accumulation group when k &gt; 1, so no gradient is lost),
/// writes the last checkpoint with the epoch's partial sums, and returns the history with <see cref="StopReason.Cancelled"/>;
/// <see cref="Resume"/> then gives exactly the numbers of an uninterrupted run.
/// </remarks>
public sealed class StatefulTrainer
{
    /// <summary>Rows between progress reports: often enough for a live bar, rare enough not to slow the hot loop.</summary>
    public const int ReportEvery = 1000;

    public TrainingConfig Config { get; }

    /// <summary>The rows the model sees: the given ones, with S standardised when the config asks for it.</summary>
    public TrainingData Data { get; }

    /// <summary>The standardisation of S fitted on the training rows (<see cref="InputScaling.Standardize"/>), or null.</summary>
    public InputStandardization? InputScale { get; }

    /// <summary>Where checkpoints and history.json go; null keeps the run in memory (notebooks, tests).</summary>
    public RunDirectory? Output { get; init; }

    /// <summary>Epochs after which a checkpoint is also kept (besides <see cref="TrainingConfig.CheckpointEvery"/>'s): a run
    /// store keeps the weights at the end of every shorter run that reads this one's first epochs. Not part of the config, so
    /// it changes no number of the run.</summary>
    public IReadOnlySet<int>? KeepCheckpointsAt { get; init; }

    /// <summary>Builds the engine on the given initial weights: <see cref="EngineFactory"/> with the config's engine name, or
    /// the factory given to the constructor.</summary>
    public Func<TrainingConfig, float[], ITrainingEngine> CreateEngine { get; }

    /// <param name="config">The run; validated here (with an engine name of <see cref="EngineFactory.Names"/> unless
    /// <paramref name="createEngine"/> builds the engine).</param>
    /// <param name="data">The rows, of the config's input width.</param>
    /// <param name="createEngine">Builds the engine instead of <see cref="EngineFactory"/> (a wrapper, a probe, the tests'
    /// reference engine); null = the factory by the config's engine name.</param>
    public StatefulTrainer(TrainingConfig config, TrainingData data, Func<TrainingConfig, float[], ITrainingEngine>? createEngine = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        Config = config.Validate(ownEngine: createEngine is not null);
        CreateEngine = createEngine ?? ((c, weights) => EngineFactory.Create(c.Engine, c.Shape, c.Optimizer, weights));
        foreach (var (name, rows) in new[] { ("train", data.Train), ("test", data.Test) })
        {
            if (rows.Width != Config.Shape.InputSize)
                throw new InvalidSpecException($"invalid training data: {name} rows have {rows.Width} inputs, the model expects {Config.Shape.InputSize}");
        }
        if (Config.Window > data.Train.Count)
            throw new InvalidSpecException($"invalid training config: window {Config.Window} is larger than the {data.Train.Count} training rows");
        // Fitted on the training rows only, and deterministic: a resume on the same rows refits the recorded numbers.
        InputScale = Config.InputScaling == InputScaling.Standardize ? InputStandardization.Fit(data.Train) : null;
        Data = InputScale?.Apply(data) ?? data;
    }

    /// <summary>Trains from the config's initial weights.</summary>
    public TrainingHistory Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(progress, cancellationToken).History;

    /// <summary>Trains from the config's initial weights, as <see cref="Run"/>, and also returns the final weights (to
    /// evaluate the model afterwards, e.g. with <see cref="FrozenPredictions"/>, without a run folder).</summary>
    public TrainedModel Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var session = Start(progress, cancellationToken);
        session.RunToEnd();
        return new TrainedModel(session.History, session.Snapshot());
    }

    /// <summary>Starts the run from the config's initial weights without training a row: the caller advances the returned
    /// session (<see cref="TrainingSession.Advance"/>), e.g. a batch of runs over the same rows in turn.</summary>
    public TrainingSession Start(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var weights = Config.InitialWeights();
        var engine = Open(weights);
        try
        {
            var history = new TrainingHistory
            {
                Config = Config,
                TrainData = Data.Train.Provenance,
                TestData = Data.Test.Provenance,
                Environment = RunEnvironment.Capture(engine),
                InputScale = InputScale,
            };
            var state = new TrainerState
            {
                History = history,
                Plateau = Config.Plateau is { } p ? new ReduceLROnPlateau(p, Config.LearningRate).State : null,
                EarlyStopping = Config.EarlyStopping is { } e ? new EarlyStopping(e).State : null,
            };
            if (Output is not null)
            {
                Output.RecordEpochs(Config);
                HistoryJson.Write(Output.HistoryPath, history);
            }
            return new TrainingSession(engine, Steps(engine, state, progress, cancellationToken));
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>Continues a run from <paramref name="checkpoint"/>. The config must be the checkpoint's except for a larger
    /// epoch count and, since checkpoints are engine-neutral, the engine (the switch is recorded in
    /// <see cref="TrainingHistory.EngineSwitches"/>); the data must be the same rows.</summary>
    public TrainingHistory Resume(Checkpoint checkpoint, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var session = StartResume(checkpoint, progress, cancellationToken);
        session.RunToEnd();
        return session.History;
    }

    /// <summary>As <see cref="Resume"/>, without training a row: the caller advances the returned session. A run that has
    /// nothing left to train (finished, stopped early, diverged) comes back finished.</summary>
    public TrainingSession StartResume(Checkpoint checkpoint, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckResumable(checkpoint);
        var saved = checkpoint.Trainer.History;
        var history = saved with { Config = Config };
        if (checkpoint.Config.Engine != Config.Engine)
            history = history with
            {
                EngineSwitches = [.. saved.EngineSwitches, new EngineSwitch(checkpoint.Trainer.CompletedEpochs, checkpoint.Config.Engine, Config.Engine)],
            };
        if (saved.Stop is StopReason.EarlyStopping or StopReason.NonFinite || history.Epochs.Count >= Config.Epochs)
            return TrainingSession.Finished(history, checkpoint.Engine);
        var engine = Open(checkpoint.Engine.Parameters);
        try
        {
            engine.Restore(checkpoint.Engine);
            // Only now, with the snapshot in the engine, may the run folder change.
            Output?.RecordEpochs(Config);
            var state = checkpoint.Trainer with { History = history with { Stop = StopReason.Running, StopMessage = null } };
            return new TrainingSession(engine, Steps(engine, state, progress, cancellationToken));
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="FrequencyLabException"/> (one line) when <see cref="Resume"/> would refuse
    /// <paramref name="checkpoint"/>: another config (beyond a large enough epoch count and the engine) or other rows. Lets a caller check before it
    /// changes anything in the run folder.</summary>
    public void CheckResumable(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (RunDirectory.FirstDifference(checkpoint.Config, Config with { Epochs = checkpoint.Config.Epochs, Engine = checkpoint.Config.Engine }) is { } d)
            throw new FrequencyLabException($"cannot resume: the checkpoint is of a different run ({d})");
        // A smaller epoch count cannot undo epochs the weights have already been through.
        int reached = checkpoint.Trainer.CompletedEpochs + (checkpoint.Trainer.Row > 0 || checkpoint.Trainer.Partial is not null ? 1 : 0);
        if (Config.Epochs < reached)
            throw new FrequencyLabException($"cannot resume: the checkpoint is in epoch {reached}, so --epochs must be at least {reached} (not {Config.Epochs})");
        // A schedule over the whole run (cosine, one-cycle) has already shaped the epochs done by its epoch count.
        if (Config.DependsOnEpochBudget && Config.Epochs != checkpoint.Config.Epochs)
            throw new FrequencyLabException($"cannot resume: the {LearningRateSchedule.Name(Config.Schedule.Kind)} schedule is spread over the run's {checkpoint.Config.Epochs} epochs, so --epochs cannot change (not {Config.Epochs})");
        if (checkpoint.Trainer.History.InputScale != InputScale)
            throw new FrequencyLabException($"cannot resume: the input standardisation of these rows ({InputScale?.ToString() ?? "none"}) is not the recorded one ({checkpoint.Trainer.History.InputScale?.ToString() ?? "none"})");
        if (DataDifference(checkpoint.Trainer.History, Data) is { } changed)
            throw new FrequencyLabException($"cannot resume: {changed} in the checkpoint");
        if (checkpoint.Engine.Shape != Config.Shape || checkpoint.Engine.Optimizer != Config.Optimizer)
            throw new FrequencyLabException("cannot resume: the checkpoint's model or optimizer is not the config's");
        if (checkpoint.Trainer.Row > Data.Train.Count)
            throw new FrequencyLabException($"cannot resume: the checkpoint is at row {checkpoint.Trainer.Row} of {Data.Train.Count}");
    }

    /// <summary>How <paramref name="data"/> differs from the rows <paramref name="saved"/> was trained on ("the training data
    /// at PATH are not the recorded rows (SHA-256 …)"), or null when they are the same (row counts and file hashes).</summary>
    internal static string? DataDifference(TrainingHistory saved, TrainingData data)
    {
        foreach (var (name, was, now) in new[] { ("training", saved.TrainData, data.Train.Provenance), ("test", saved.TestData, data.Test.Provenance) })
        {
            var where = now.Path is null ? "" : $" at {IO.PrintableText.Escape(now.Path)}";
            if (was.Rows != now.Rows) return $"the {name} data{where} have {now.Rows} rows, {was.Rows} recorded";
            if (was.Sha256 != now.Sha256)
                return $"the {name} data{where} are not the recorded rows (SHA-256 {Short(now.Sha256)}…, {Short(was.Sha256)}… recorded)";
        }
        return null;

        // A recorded hash comes from history.json, i.e. from a file: escaped like every file content in a message.
        static string Short(string? sha) => sha is null ? "none" : IO.PrintableText.Escape(sha[..Math.Min(12, sha.Length)]);
    }

    /// <summary><see cref="Run"/> on the thread pool.</summary>
    public Task<TrainingHistory> RunAsync(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(progress, cancellationToken), CancellationToken.None);

    private ITrainingEngine Open(float[] weights)
    {
        var engine = CreateEngine(Config, weights);
        if (engine.Shape != Config.Shape || engine.Optimizer != Config.Optimizer)
        {
            engine.Dispose();
            throw new InvalidOperationException($"engine {engine.Name} was built for another shape or optimizer");
        }
        return engine;
    }

    /// <summary>
    /// The run as a sequence a caller advances: it yields null at every pause point — every <see cref="ReportEvery"/>
    /// training rows and after each frozen pass (after the pair, when the engine runs them side by side) — and the run's history as its last element. A session runs it
    /// straight through (<see cref="TrainingSession.RunToEnd"/>); <see cref="TrainingSession"/> lets a batch of runs over the same rows advance block by block in
    /// turn. Pausing changes nothing in the arithmetic: the same calls in the same order, so a run advanced in blocks is
    /// bit-identical to a run trained alone. An epoch's seconds count only the time this run was advancing, so a batched
    /// run records its own time, not its neighbours'.
    /// </summary>
    internal IEnumerable<TrainingHistory?> Steps(ITrainingEngine engine, TrainerState state, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var cfg = Config;
        var train = Data.Train;
        var freq = train.FrequencyIndex;
        int n = train.Count, k = cfg.AccumulationSteps, frequencies = train.FrequencyCount;
        float lossScale = 1f / k, clip = (float)cfg.MaxGradNorm;
        var windowed = cfg.Window > 1
            ? engine as IWindowedTrainingEngine ?? throw new InvalidSpecException($"engine '{engine.Name}' has no truncated BPTT (window {cfg.Window})")
            : null;
        var windowLosses = new float[cfg.Window];
        long stepsPerEpoch = windowed is null ? (n + k - 1) / k : WindowCount(n, cfg.Window, cfg.Reset, freq);
        var warmup = cfg.Schedule.Build(stepsPerEpoch, cfg.Epochs);
        var judge = new EpochJudge(cfg, state);
        var history = state.History;
        var epochs = history.Epochs.ToList();
        long steps = state.OptimizerSteps;
        int startRow = state.Row;
        var partial = state.Partial;

        for (int epoch = epochs.Count + 1; epoch <= cfg.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            var acc = partial ?? EpochAccumulator.Start(frequencies);
            int first = startRow;
            partial = null;
            startRow = 0;
            double lr = judge.LearningRate;

            TrainingHistory Interrupt(int row)
            {
                acc.Seconds += watch.Elapsed.TotalSeconds;
                history = history with
                {
                    Epochs = epochs.ToArray(), Stop = StopReason.Cancelled,
                    StopMessage = $"cancelled in epoch {epoch} after {row} of {n} training rows; a checkpoint was written, continue with --resume",
                };
                Save(engine, judge.Capture(history, row, acc, steps), newBest: false, epochCheckpoint: false);
                return history;
            }

            if (first == 0)
            {
                if (cfg.ResetOptimizerEachEpoch) engine.ResetOptimizerState();
                if (cfg.Reset != ResetPolicy.Never || epoch == 1) engine.ResetTrainState();
            }
            if (windowed is not null)
            {
                for (int row = first; row < n;)
                {
                    if (cfg.Reset == ResetPolicy.PerBlock && row > 0 && freq[row] != freq[row - 1]) engine.ResetTrainState();
                    int end = WindowEnd(row, n, cfg.Window, cfg.Reset, freq), length = end - row;
                    windowed.ForwardBackwardWindow(train.Inputs.AsSpan(row * train.Width, length * train.Width),
                        train.Targets.AsSpan(row, length), windowLosses.AsSpan(0, length));
                    for (int r = 0; r < length; r++) acc.AddLoss(row + r, freq[row + r], windowLosses[r]);
                    double stepLr = lr * warmup.Factor(steps);
                    float norm = engine.OptimizerStep((float)stepLr, clip);
                    acc.GradientNorm.Add(norm, cfg.MaxGradNorm);
                    acc.LastStepLearningRate = stepLr;
                    steps++;
                    if (ct.IsCancellationRequested) { yield return Interrupt(end); yield break; }
                    if (end / ReportEvery > row / ReportEvery && progress is not null)
                        progress.Report(new TrainingProgress(epoch, cfg.Epochs, TrainingPhase.Training, end, n, acc.MeanLoss,
                            (end - first) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)));
                    if (end / ReportEvery > row / ReportEvery) { watch.Stop(); yield return null; watch.Start(); }
                    row = end;
                }
            }
            int pending = 0;
            for (int row = windowed is null ? first : n; row < n; row++)
            {
                if (cfg.Reset == ResetPolicy.Stateless || (cfg.Reset == ResetPolicy.PerBlock && row > 0 && freq[row] != freq[row - 1]))
                    engine.ResetTrainState();
                float loss = engine.ForwardBackward(train.Input(row), train.Targets[row], lossScale);
                acc.AddLoss(row, freq[row], loss);
                if (++pending == k || row == n - 1)
                {
                    double stepLr = lr * warmup.Factor(steps);
                    float norm = engine.OptimizerStep((float)stepLr, clip);
                    acc.GradientNorm.Add(norm, cfg.MaxGradNorm);
                    acc.LastStepLearningRate = stepLr;
                    steps++;
                    pending = 0;
                    if (ct.IsCancellationRequested) { yield return Interrupt(row + 1); yield break; }
                }
                if ((row + 1) % ReportEvery == 0)
                {
                    progress?.Report(new TrainingProgress(epoch, cfg.Epochs, TrainingPhase.Training, row + 1, n, acc.MeanLoss,
                        (row + 1 - first) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9)));
                    watch.Stop();
                    yield return null;
                    watch.Start();
                }
            }

            FrozenEvaluation? frozenTrain, frozenTest;
            if (engine is IPairedPrediction { PairsPredictions: true } paired)
            {
                var pair = FrozenPair(paired, engine, train, Data.Test, cfg.Reset, ct, progress, epoch, cfg.Epochs);
                if (pair is null) { yield return Interrupt(n); yield break; }
                (frozenTrain, frozenTest) = pair.Value;
            }
            else
            {
                frozenTrain = FrozenPass(engine, train, cfg.Reset, ct, progress, epoch, cfg.Epochs, TrainingPhase.EvaluatingTrain);
                if (frozenTrain is null) { yield return Interrupt(n); yield break; }
                watch.Stop();
                yield return null;
                watch.Start();
                frozenTest = FrozenPass(engine, Data.Test, cfg.Reset, ct, progress, epoch, cfg.Epochs, TrainingPhase.EvaluatingTest);
                if (frozenTest is null) { yield return Interrupt(n); yield break; }
            }
            watch.Stop();
            yield return null;
            watch.Start();
            acc.Seconds += watch.Elapsed.TotalSeconds;

            double trainLoss = acc.MeanLoss;
            var verdict = judge.Judge(epoch, trainLoss, frozenTest.Mse, acc.FirstNonFiniteRow);
            var stop = verdict.Stop == StopReason.Running && epoch == cfg.Epochs ? StopReason.Completed : verdict.Stop;

            var record = new EpochRecord
            {
                Epoch = epoch,
                TrainLoss = trainLoss,
                TrainLossPerFrequency = acc.MeanLossPerFrequency(),
                FrozenTrain = frozenTrain,
                FrozenTest = frozenTest,
                LearningRate = lr,
                LastStepLearningRate = acc.LastStepLearningRate,
                GradientNorm = acc.GradientNorm.ToStats(),
                Rows = acc.Rows,
                Seconds = acc.Seconds,
                Events = verdict.Events,
            };
            epochs.Add(record);
            history = history with { Epochs = epochs.ToArray(), Stop = stop, StopMessage = verdict.Message };
            Save(engine, judge.Capture(history, 0, null, steps), verdict.NewBest,
                (cfg.CheckpointEvery > 0 && epoch % cfg.CheckpointEvery == 0) || KeepCheckpointsAt?.Contains(epoch) == true);
            progress?.Report(new TrainingProgress(epoch, cfg.Epochs, TrainingPhase.EpochCompleted, n, n, trainLoss,
                acc.Rows / Math.Max(acc.Seconds, 1e-9), record));
            if (stop != StopReason.Running) { yield return history; yield break; }
        }
        yield return history with { Stop = StopReason.Completed };
    }

    /// <summary>The end (exclusive) of the window that starts at <paramref name="row"/>: <paramref name="window"/> rows, cut at
    /// the epoch's end and, under the per-block policy, at the next change of frequency (where the state is reset, so no
    /// gradient may flow across it). Depends only on its start, so a resumed epoch cuts the same windows.</summary>
    public static int WindowEnd(int row, int rows, int window, ResetPolicy policy, ReadOnlySpan<int> frequencyIndex)
    {
        int end = Math.Min(row + window, rows);
        if (policy == ResetPolicy.PerBlock)
            for (int r = row + 1; r < end; r++)
                if (frequencyIndex[r] != frequencyIndex[r - 1]) return r;
        return end;
    }

    /// <summary>Number of windows (optimizer steps) in one epoch.</summary>
    public static long WindowCount(int rows, int window, ResetPolicy policy, ReadOnlySpan<int> frequencyIndex)
    {
        long count = 0;
        for (int row = 0; row < rows; row = WindowEnd(row, rows, window, policy, frequencyIndex)) count++;
        return count;
    }

    private void Save(ITrainingEngine engine, TrainerState state, bool newBest, bool epochCheckpoint)
    {
        if (Output is null) return;
        var bytes = CheckpointFile.Encode(new Checkpoint(engine.Snapshot(), state));
        IO.AtomicFile.WriteAllBytes(Output.LastCheckpointPath, bytes);
        if (newBest) IO.AtomicFile.WriteAllBytes(Output.BestCheckpointPath, bytes);
        if (epochCheckpoint) IO.AtomicFile.WriteAllBytes(Output.EpochCheckpointPath(state.CompletedEpochs), bytes);
        HistoryJson.Write(Output.HistoryPath, state.History);
    }

    /// <summary>The frozen pass: no-grad predictions with the evaluation state, zeroed at the start and reset by the policy
    /// as in training. Returns null when cancelled. <paramref name="predictions"/>, when given, receives every ŷ
    /// (<see cref="FrozenPredictions"/> uses this same pass, so its MSEs are the trainer's).</summary>
    internal static FrozenEvaluation? FrozenPass(ITrainingEngine engine, TrainingRows rows, ResetPolicy policy, CancellationToken ct,
        IProgress<TrainingProgress>? progress, int epoch, int epochs, TrainingPhase phase, float[]? predictions = null)
    {
        var freq = rows.FrequencyIndex;
        var tally = new FrozenTally(rows.FrequencyCount);
        engine.ResetEvalState();
        for (int row = 0; row < rows.Count; row++)
        {
            if (ct.IsCancellationRequested) return null;
            if (FrozenTally.ResetsBefore(policy, freq, row)) engine.ResetEvalState();
            float predicted = engine.Predict(rows.Input(row));
            if (predictions is not null) predictions[row] = predicted;
            tally.Add(freq[row], predicted, rows.Targets[row]);
            if ((row + 1) % ReportEvery == 0 && progress is not null)
                progress.Report(new TrainingProgress(epoch, epochs, phase, row + 1, rows.Count, double.NaN, double.NaN));
        }
        return tally.ToEvaluation();
    }

    /// <summary>The frozen passes over <paramref name="first"/> (with the engine's evaluation state) and
    /// <paramref name="second"/> (with its second one) side by side, a pair of rows per step while both have rows: each
    /// pass's predictions and MSEs are those of <see cref="FrozenPass"/>, bit for bit. Progress counts the rows of both
    /// passes done (<see cref="TrainingPhase.EvaluatingBoth"/>). Null when cancelled.</summary>
    internal static (FrozenEvaluation First, FrozenEvaluation Second)? FrozenPair(IPairedPrediction paired, ITrainingEngine engine,
        TrainingRows first, TrainingRows second, ResetPolicy policy, CancellationToken ct, IProgress<TrainingProgress>? progress,
        int epoch, int epochs)
    {
        var fa = first.FrequencyIndex;
        var fb = second.FrequencyIndex;
        var ta = new FrozenTally(first.FrequencyCount);
        var tb = new FrozenTally(second.FrequencyCount);
        engine.ResetEvalState();
        paired.ResetSecondEvalState();
        int both = Math.Min(first.Count, second.Count), n = Math.Max(first.Count, second.Count);
        for (int row = 0; row < n; row++)
        {
            if (ct.IsCancellationRequested) return null;
            bool inFirst = row < first.Count, inSecond = row < second.Count;
            if (inFirst && FrozenTally.ResetsBefore(policy, fa, row)) engine.ResetEvalState();
            if (inSecond && FrozenTally.ResetsBefore(policy, fb, row)) paired.ResetSecondEvalState();
            if (row < both)
            {
                var (a, b) = paired.PredictPair(first.Input(row), second.Input(row));
                ta.Add(fa[row], a, first.Targets[row]);
                tb.Add(fb[row], b, second.Targets[row]);
            }
            else if (inFirst) ta.Add(fa[row], engine.Predict(first.Input(row)), first.Targets[row]);
            else tb.Add(fb[row], paired.PredictSecond(second.Input(row)), second.Targets[row]);
            if ((row + 1) % ReportEvery == 0 && progress is not null)
                progress.Report(new TrainingProgress(epoch, epochs, TrainingPhase.EvaluatingBoth,
                    Math.Min(row + 1, first.Count) + Math.Min(row + 1, second.Count), first.Count + second.Count, double.NaN, double.NaN));
        }
        return (ta.ToEvaluation(), tb.ToEvaluation());
    }
}
