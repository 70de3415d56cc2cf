using System.Collections.Concurrent;
using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Training;
using FrequencyLab.Diagnostics;

namespace FrequencyLab.Learnability;

/// <summary>
/// Runs the learnability matrix (<see cref="LearnabilitySettings"/>): for each noise model the data bounds, then every cell ×
/// init seed as a <see cref="StatefulTrainer"/> run, keeping the last epoch's frozen test MSE.
/// </summary>
/// <remarks>
/// With an <see cref="OutputFolder"/> the matrix is resumable: <c>settings.json</c> pins what the folder holds (another
/// matrix's folder is refused), each finished run is written atomically to <c>runs/&lt;cell&gt;-seed&lt;s&gt;.json</c> and reused
/// by the next call, and <c>results.json</c> is written at the end. Cancellation stops inside the current run (it is
/// not stored) and throws <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class LearnabilityMatrix(LearnabilitySettings settings)
{
    public LearnabilitySettings Settings { get; } = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();

    /// <summary>Where runs and results are kept; null keeps everything in memory (notebooks, tests).</summary>
    public string? OutputFolder { get; init; }

    /// <summary>Runs trained at once (each on one thread). The results do not depend on it: every run is deterministic and
    /// the cells are assembled in their own order.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Builds each run's engine; defaults to <see cref="EngineFactory"/>.</summary>
    public Func<TrainingConfig, float[], ITrainingEngine>? CreateEngine { get; init; }

    public string SettingsPath => Path.Combine(OutputFolder ?? ".", "settings.json");
    public string ResultsPath => Path.Combine(OutputFolder ?? ".", "results.json");
    public string RunPath(LearnabilityCell cell, ulong seed) => Path.Combine(OutputFolder ?? ".", "runs", $"{cell.Key}-seed{seed}.json");

    /// <summary>The matrix a notebook shows: the one stored in <paramref name="folder"/> when it holds one (its settings.json,
    /// e.g. the learnability stage's of <c>freqlab reproduce</c>: finished runs are read back, not retrained); otherwise the
    /// matrix of the quick or full scale (<see cref="Scales.StudyScales"/>), kept in <paramref name="folder"/> when one is given (resumable) and in memory when not; one
    /// worker per core.</summary>
    /// <exception cref="FrequencyLabException">The folder's settings.json is not a matrix's settings (one line).</exception>
    public static LearnabilityMatrix For(bool quick, string? folder)
    {
        int workers = Environment.ProcessorCount;
        var path = string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, "settings.json");
        if (path is null || !File.Exists(path))
            return new(Scales.StudyScales.For(quick).Learnability) { OutputFolder = path is null ? null : folder, Workers = workers };
        var stored = IO.JsonFile.Read<LearnabilitySettings>(path, "learnability matrix's settings", LearnabilityResults.ReadOptions);
        try { stored.Validate(); }
        catch (FrequencyLabException e) { throw IO.JsonFile.Invalid(path, "learnability matrix's settings", e.Message); }
        return new(stored) { OutputFolder = folder, Workers = workers };
    }

    /// <summary>Throws (one line) when the folder holds another matrix; creates it and writes settings.json otherwise.</summary>
    public void PrepareFolder()
    {
        if (OutputFolder is null) return;
        SettingsFolder.WriteOrCompare(OutputFolder, Path.GetFileName(SettingsPath), JsonSerializer.Serialize(Settings, LearnabilityResults.JsonOptions), "a learnability matrix");
        Directory.CreateDirectory(Path.Combine(OutputFolder, "runs"));
    }

    /// <summary>The bounds of every noise model's data (train seed 1, test seed 2, blocks): what the matrix judges against.</summary>
    public IReadOnlyList<DataBounds> MeasureBounds() => [.. Settings.Noises.Select(BoundsOf)];

    private DataBounds BoundsOf(NoiseMode noise)
    {
        var spec = Settings.Spec with { Noise = noise };
        var train = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, ReportDatasets.TrainSeed), RowOrder.Blocks);
        var test = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, ReportDatasets.TestSeed), RowOrder.Blocks);
        return DataBounds.Measure(train, test);
    }

    public LearnabilityResults Run(IProgress<LearnabilityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        PrepareFolder();
        var cells = Settings.Cells();
        var noises = cells.Select(c => c.Noise).Distinct().ToArray();
        var data = new Dictionary<NoiseMode, TrainingData>();
        var bounds = new List<DataBounds>();
        foreach (var noise in noises)
        {
            bounds.Add(BoundsOf(noise));
            data[noise] = TrainingData.Load(Settings.ConfigFor(cells.First(c => c.Noise == noise), Settings.InitSeeds[0]).Data);
        }

        if (Workers < 1) throw new InvalidSpecException($"invalid learnability matrix: workers {Workers} must be at least 1");
        var jobs = (from cell in cells from seed in Settings.InitSeeds select (Cell: cell, Seed: seed)).ToArray();
        var runs = new SeedRun[jobs.Length];
        int total = jobs.Length, started = 0;
        var gate = new object();
        void Report(LearnabilityProgress p) { lock (gate) progress?.Report(p); }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Workers };
        try
        {
            // One run at a time per worker, in matrix order (no range partitioning).
            Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, jobs.Length), EnumerablePartitionerOptions.NoBuffering), options, i =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (cell, seed) = jobs[i];
                int number = Interlocked.Increment(ref started);
                var stored = OutputFolder is null ? null : ReadRun(cell, seed);
                if (stored is not null)
                {
                    Report(new LearnabilityProgress(number, total, cell, seed, true, null));
                    runs[i] = stored;
                    return;
                }
                var run = Train(cell, seed, data[cell.Noise], progress is null ? null
                    : new InlineProgress<TrainingProgress>(p => Report(new LearnabilityProgress(number, total, cell, seed, false, p))), cancellationToken);
                if (OutputFolder is not null) AtomicFile.WriteAllText(RunPath(cell, seed), JsonSerializer.Serialize(run, LearnabilityResults.JsonOptions));
                runs[i] = run;
            });
        }
        catch (AggregateException e)
        {
            // A failure is rethrown as itself (one line for the CLI); a cancellation as a cancellation, finished runs kept on disk.
            var failure = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException);
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw new OperationCanceledException("learnability matrix cancelled", e, cancellationToken);
        }
        var results = cells.Select(cell => new LearnabilityCellResult(cell,
            [.. Enumerable.Range(0, jobs.Length).Where(i => jobs[i].Cell == cell).Select(i => runs[i])],
            bounds.Single(b => b.Noise == cell.Noise))).ToList();
        var all = new LearnabilityResults(Settings, bounds, results);
        if (OutputFolder is not null) AtomicFile.WriteAllTextIfChanged(ResultsPath, JsonSerializer.Serialize(all.ToSummary(), LearnabilityResults.JsonOptions));
        return all;
    }

    private SeedRun Train(LearnabilityCell cell, ulong seed, TrainingData data, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var config = Settings.ConfigFor(cell, seed);
        var trainer = new StatefulTrainer(config, data, CreateEngine);
        var history = trainer.Run(progress, ct);
        if (history.Stop == StopReason.Cancelled) throw new OperationCanceledException($"learnability matrix cancelled in {cell}, seed {seed}");
        var last = history.Epochs.LastOrDefault();
        int k = data.Test.FrequencyCount;
        return last is null
            ? new SeedRun(cell, seed, double.NaN, [.. Enumerable.Repeat(double.NaN, k)], double.NaN, 0, 0)
            : new SeedRun(cell, seed, last.FrozenTest.Mse, last.FrozenTest.MsePerFrequency, last.TrainLoss, history.Epochs.Count,
                history.Epochs.Sum(e => e.Seconds));
    }

    /// <summary>The stored run of <paramref name="cell"/> and <paramref name="seed"/>, or null when there is none to use.</summary>
    /// <remarks>A run whose test MSE is NaN or infinite is not used (null: trained again; a diverged run gives the same numbers
    /// again, so nothing is lost). A file that is not a run of this cell and seed, or holds numbers no run writes (negative
    /// MSEs, losses, epochs or seconds; per-frequency MSEs of another count), is refused with one line: it was not written by
    /// the matrix, and training over it would hide that.</remarks>
    /// <exception cref="DataFileException">The file is not a run of this matrix.</exception>
    internal SeedRun? ReadRun(LearnabilityCell cell, ulong seed)
    {
        var path = RunPath(cell, seed);
        if (!File.Exists(path)) return null;
        const string what = "learnability run";
        var run = IO.JsonFile.Read<SeedRun>(path, what, LearnabilityResults.ReadOptions);
        if (run.Cell != cell || run.InitSeed != seed)
            throw IO.JsonFile.Invalid(path, what, $"it holds {run.Cell}, seed {run.InitSeed}, not {cell}, seed {seed}; delete it to train that run again");
        if (RunProblem(run, Settings.Spec.FrequencyCount) is { } problem)
            throw IO.JsonFile.Invalid(path, what, $"{problem}; delete it to train that run again");
        return double.IsFinite(run.TestMse) ? run : null;
    }

    private static string? RunProblem(SeedRun run, int frequencies)
    {
        static bool Negative(double v) => v < 0 || double.IsNegativeInfinity(v);
        if (Negative(run.TestMse)) return $"$.testMse: {run.TestMse} is negative";
        if (run.TestMsePerFrequency.Length != frequencies) return $"$.testMsePerFrequency: {run.TestMsePerFrequency.Length} values for {frequencies} frequencies";
        if (run.TestMsePerFrequency.Any(Negative)) return "$.testMsePerFrequency: a negative MSE";
        if (Negative(run.TrainLoss)) return $"$.trainLoss: {run.TrainLoss} is negative";
        if (run.Epochs < 0) return $"$.epochs: {run.Epochs} is negative";
        if (!(run.Seconds >= 0) || !double.IsFinite(run.Seconds)) return $"$.seconds: {run.Seconds} is not a duration";
        return null;
    }
}
