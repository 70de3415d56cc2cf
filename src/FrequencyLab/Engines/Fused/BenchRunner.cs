using System.Diagnostics;
using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>What one engine measurement covers.</summary>
/// <param name="Rows">Timed training rows (ForwardBackward + OptimizerStep each).</param>
/// <param name="WarmupRows">Untimed rows first, so JIT tiers and caches settle (and at least <paramref name="WarmupSeconds"/>).</param>
/// <param name="LearningRate">Step size; speed does not depend on it.</param>
/// <param name="MaxGradNorm">Clip threshold (the report's 1.0).</param>
/// <param name="WarmupSeconds">Minimum warm-up time. .NET promotes hot methods to optimised code only after ~100 ms, and just
/// after libtorch has started in the process the fused step measured 25 µs instead of 6 µs for a few hundred milliseconds
/// (0.3 s of warm-up was not enough on the 2-core development VM; 1 s was).</param>
public sealed record BenchOptions(int Rows = 4_000, int WarmupRows = 400, float LearningRate = 1e-3f, float MaxGradNorm = 1f,
    double WarmupSeconds = 1.0)
{
    public BenchOptions Validate()
    {
        if (Rows < 1) throw new InvalidSpecException($"invalid bench: rows {Rows} must be at least 1");
        if (WarmupRows < 0) throw new InvalidSpecException($"invalid bench: warm-up rows {WarmupRows} must not be negative");
        if (!(WarmupSeconds >= 0) || !double.IsFinite(WarmupSeconds))
            throw new InvalidSpecException($"invalid bench: warm-up seconds {WarmupSeconds} must be a non-negative number");
        return this;
    }
}

/// <summary>One engine's measured speed and cost.</summary>
/// <param name="Engine">The engine's name ("torch", "fused", or "fused×K" for an ensemble).</param>
/// <param name="Models">Models stepped together (1 for a single engine).</param>
/// <param name="Workers">Threads used.</param>
/// <param name="ModelSteps">Timed steps summed over models.</param>
/// <param name="WallSeconds">Elapsed time of the timed rows.</param>
/// <param name="CpuSeconds">CPU time used meanwhile (the thread's for one engine, the process's for an ensemble): on a shared
/// machine the time the work actually ran.</param>
/// <param name="AllocatedBytesPerStep">Managed bytes allocated per step on the stepping thread (native allocations, e.g.
/// libtorch's, are not seen); for an ensemble, NaN.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set after the run (process-wide and monotonic: it includes
/// everything measured before).</param>
public sealed record EngineBenchResult(string Engine, int Models, int Workers, long ModelSteps, double WallSeconds, double CpuSeconds,
    double AllocatedBytesPerStep, long PeakWorkingSetBytes)
{
    public double StepsPerSecond => ModelSteps / WallSeconds;
    public double StepsPerCpuSecond => ModelSteps / CpuSeconds;
    public double MicrosecondsPerCpuStep => CpuSeconds / ModelSteps * 1e6;

    /// <summary>CPU seconds one model needs for an epoch of <paramref name="rows"/> rows at this rate.</summary>
    public double EpochCpuSeconds(int rows = 40_000) => rows / StepsPerCpuSecond;
}

/// <summary>
/// Measures engines side by side on the same rows: steps per second (wall and CPU), managed bytes allocated per step, peak
/// working set. The library half of <c>freqlab bench</c>: it knows nothing of the CLI, and engines come from factories so
/// any <see cref="ITrainingEngine"/> can be measured.
/// </summary>
public static class BenchRunner
{
    /// <summary>Times <paramref name="options"/>.Rows training steps of one engine, from the state it is handed in, after
    /// warm-up rows that are then undone (rows are reused cyclically when there are fewer than needed).</summary>
    public static EngineBenchResult Measure(ITrainingEngine engine, float[] inputs, float[] targets, BenchOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();
        int width = CheckRows(engine.Shape, inputs, targets);
        int cursor = 0;
        double Run(int count)
        {
            double sum = 0;
            for (int k = 0; k < count; k++)
            {
                if ((k & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                sum += engine.ForwardBackward(inputs.AsSpan(cursor * width, width), targets[cursor]);
                engine.OptimizerStep(options.LearningRate, options.MaxGradNorm);
                cursor = (cursor + 1) % targets.Length;
            }
            return sum;
        }

        return Timed(engine, Run, () => cursor = 0, options.WarmupRows, 100, options);
    }

    /// <summary>Times <paramref name="options"/>.Rows training rows of one engine by truncated BPTT: per window of
    /// <paramref name="window"/> rows one <see cref="IWindowedTrainingEngine.ForwardBackwardWindow"/> and one optimizer step,
    /// after warm-up windows that are then undone, as in <see cref="Measure"/>. Rows must be a multiple of the window and
    /// the rows a multiple of it too (they are reused cyclically in whole windows).</summary>
    public static EngineBenchResult MeasureWindows(IWindowedTrainingEngine engine, float[] inputs, float[] targets, int window,
        BenchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();
        int width = CheckRows(engine.Shape, inputs, targets);
        if (window < 1 || targets.Length % window != 0 || options.Rows % window != 0)
            throw new InvalidSpecException($"bench: window {window} must divide the {targets.Length} rows and the {options.Rows} timed rows");
        var losses = new float[window];
        int cursor = 0;
        double Run(int rows)
        {
            double sum = 0;
            for (int k = 0; k < rows; k += window)
            {
                cancellationToken.ThrowIfCancellationRequested();
                engine.ForwardBackwardWindow(inputs.AsSpan(cursor * width, window * width), targets.AsSpan(cursor, window), losses);
                engine.OptimizerStep(options.LearningRate, options.MaxGradNorm);
                for (int r = 0; r < window; r++) sum += losses[r];
                cursor = (cursor + window) % targets.Length;
            }
            return sum;
        }

        return Timed(engine, Run, () => cursor = 0, (options.WarmupRows + window - 1) / window * window, window, options);
    }

    /// <summary>The measurement every single-engine row shares: warm-up rows (then at least <paramref name="warmupRows"/>,
    /// and more in runs of <paramref name="shortestRun"/> until the warm-up time is spent) that are undone, then the timed rows
    /// with thread CPU time, wall time and managed bytes allocated.</summary>
    private static EngineBenchResult Timed(ITrainingEngine engine, Func<int, double> run, Action rewind, int warmupRows, int shortestRun,
        BenchOptions options)
    {
        // The warm-up trains too, and a later training state is not the same workload (subnormal floats appear after a few
        // epochs, see OptimizerKernels): undo it, so the timed rows start from the state the caller handed in.
        var start = engine.Snapshot();
        long warm = Stopwatch.GetTimestamp();
        run(warmupRows);
        while (Stopwatch.GetElapsedTime(warm).TotalSeconds < options.WarmupSeconds) run(shortestRun);
        engine.Restore(start);
        rewind();
        // The clocks are read outside the allocation window: the first native call resolves its entry point, which allocates.
        double cpu0 = CpuClock.Thread();
        long t0 = Stopwatch.GetTimestamp();
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        double loss = run(options.Rows);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        double cpu = CpuClock.Thread() - cpu0;
        if (!double.IsFinite(loss)) throw new FrequencyLabException($"bench: engine {engine.Name} produced a non-finite loss");
        return new EngineBenchResult(engine.Name, 1, 1, options.Rows, wall, cpu, (double)bytes / options.Rows, PeakWorkingSet());
    }

    /// <summary>Times one <see cref="FusedEnsemble.Train"/> pass of K models over <paramref name="options"/>.Rows rows, after
    /// warm-up passes that are then undone.</summary>
    public static EngineBenchResult MeasureEnsemble(FusedEnsemble ensemble, float[] inputs, float[] targets, BenchOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        options.Validate();
        int width = CheckRows(ensemble.Shape, inputs, targets);
        var (x, y) = Cycle(inputs, targets, width, options.Rows);
        var rates = Enumerable.Repeat(options.LearningRate, ensemble.Count).ToArray();
        if (options.WarmupRows > 0)
        {
            // Undone afterwards, as in Measure.
            var starts = ensemble.Members.Select(m => m.Snapshot()).ToArray();
            var (wx, wy) = Cycle(inputs, targets, width, options.WarmupRows);
            long warm = Stopwatch.GetTimestamp();
            do ensemble.Train(wx, wy, rates, options.MaxGradNorm, cancellationToken: cancellationToken);
            while (Stopwatch.GetElapsedTime(warm).TotalSeconds < options.WarmupSeconds);
            for (int k = 0; k < starts.Length; k++) ensemble.Members[k].Restore(starts[k]);
        }
        double cpu0 = CpuClock.Process();
        long t0 = Stopwatch.GetTimestamp();
        var means = ensemble.Train(x, y, rates, options.MaxGradNorm, cancellationToken: cancellationToken);
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        double cpu = CpuClock.Process() - cpu0;
        if (!means.All(double.IsFinite)) throw new FrequencyLabException("bench: an ensemble member produced a non-finite loss");
        return new EngineBenchResult($"{FusedEngine.EngineName}×{ensemble.Count}", ensemble.Count, ensemble.Workers,
            (long)ensemble.Count * options.Rows, wall, cpu, double.NaN, PeakWorkingSet());
    }

    /// <summary>Times one epoch of <paramref name="models"/> trainer runs (seeds 1…K, the report's run otherwise) over the first
    /// <paramref name="rows"/> rows of the report's sets, batched by <see cref="Training.BatchedTrainer"/> on
    /// <paramref name="workers"/> threads, frozen evaluation included; after a short batch that warms the code up.</summary>
    public static EngineBenchResult MeasureBatch(int models, int rows, int workers, double warmupSeconds, CancellationToken cancellationToken = default)
    {
        if (models < 1 || rows < 1 || workers < 1) throw new InvalidSpecException($"bench: batch of {models} models over {rows} rows on {workers} workers");
        Training.TrainingConfig Config(ulong seed, int n) => Training.TrainingConfig.Report with
        {
            Engine = FusedEngine.EngineName, Epochs = 1, InitSeed = seed, Data = new Training.TrainingDataConfig { MaxRows = n },
        };
        var data = Training.TrainingData.Load(Config(1, rows).Data);
        var warm = Training.TrainingData.Load(Config(1, 400).Data);
        var batch = new Training.BatchedTrainer { Workers = workers };
        Func<Training.TrainingSession>[] Starts(Training.TrainingData d, int n) =>
            [.. Enumerable.Range(1, models).Select(s => (Func<Training.TrainingSession>)(() => new Training.StatefulTrainer(Config((ulong)s, n), d).Start(cancellationToken: cancellationToken)))];
        long w0 = Stopwatch.GetTimestamp();
        do batch.Run(Starts(warm, 400), cancellationToken: cancellationToken);
        while (Stopwatch.GetElapsedTime(w0).TotalSeconds < warmupSeconds);
        double cpu0 = CpuClock.Process();
        long t0 = Stopwatch.GetTimestamp();
        var outcomes = batch.Run(Starts(data, rows), cancellationToken: cancellationToken);
        double wall = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        double cpu = CpuClock.Process() - cpu0;
        if (outcomes.Any(o => o?.History is not { Epochs.Count: 1 } h || !double.IsFinite(h.Epochs[0].TrainLoss)))
            throw new FrequencyLabException("bench: a batched run did not finish its epoch with a finite loss");
        return new EngineBenchResult($"{FusedEngine.EngineName} batch×{models}", models, workers, (long)models * rows, wall, cpu, double.NaN, PeakWorkingSet());
    }

    private static (float[] X, float[] Y) Cycle(float[] inputs, float[] targets, int width, int rows)
    {
        var x = new float[rows * width];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int source = r % targets.Length;
            inputs.AsSpan(source * width, width).CopyTo(x.AsSpan(r * width));
            y[r] = targets[source];
        }
        return (x, y);
    }

    private static int CheckRows(ModelShape shape, float[] inputs, float[] targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Length == 0) throw new InvalidSpecException("bench: no rows to train on");
        if (inputs.Length != targets.Length * shape.InputSize)
            throw new InvalidSpecException($"bench: {inputs.Length} input values do not make {targets.Length} rows of {shape.InputSize}");
        return shape.InputSize;
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
