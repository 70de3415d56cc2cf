using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Grid;
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
/// matrix's folder is refused), every run is a run folder of the store <c>runs/</c> (format 2; the one grid runner's,
/// <see cref="GridRunner"/>: checkpointed, reused, continued), and <c>results.json</c> is written at the end. Cancellation
/// checkpoints the running runs and throws <see cref="OperationCanceledException"/>.
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

    /// <summary>A run store shared with the rest of a study (<c>freqlab reproduce</c>'s); null keeps the runs in
    /// <c>runs/</c> of <see cref="OutputFolder"/>.</summary>
    public string? StoreFolder { get; init; }

    /// <summary>Where the runs are kept: <see cref="StoreFolder"/>, else <c>runs/</c> of <see cref="OutputFolder"/>; null in memory.</summary>
    public string? RunStoreFolder => StoreFolder ?? (OutputFolder is null ? null : Path.Combine(OutputFolder, "runs"));

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
        return new(stored) { OutputFolder = folder, StoreFolder = ReadStorePointer(folder!), Workers = workers };
    }

    /// <summary>Throws (one line) when the folder holds another matrix; creates it and writes settings.json otherwise.</summary>
    public void PrepareFolder()
    {
        if (OutputFolder is null) return;
        // Format 1 kept one summary file per run (runs/CELL-seedS.json); format 2 keeps run folders in a run store. An old
        // folder is refused, never rewritten.
        var runs = Path.Combine(OutputFolder, "runs");
        if (Directory.Exists(runs) && Directory.EnumerateFiles(runs, "*.json").FirstOrDefault() is { } old)
            throw new FrequencyLabException($"{PrintableText.Escape(OutputFolder)}: holds a learnability matrix in format 1 ({PrintableText.Escape(Path.GetFileName(old))}: one summary file per run); "
                + "this version keeps run folders in a run store (format 2): use another folder (nothing was changed)");
        SettingsFolder.WriteOrCompare(OutputFolder, Path.GetFileName(SettingsPath), JsonSerializer.Serialize(Settings, LearnabilityResults.JsonOptions), "a learnability matrix");
        if (StoreFolder is not null)
        {
            // The matrix keeps its runs in a study's store: store.json says where, so a notebook given this folder reads them.
            if (ReadStorePointer(OutputFolder) is { } recorded && recorded != Path.GetFullPath(StoreFolder))
                throw SettingsFolder.OtherSettings(OutputFolder, "a learnability matrix", $"runs kept in {PrintableText.Escape(recorded)}", "use another folder");
            AtomicFile.WriteAllTextIfChanged(Path.Combine(OutputFolder, StoreFile), JsonSerializer.Serialize(new StorePointer(RunStore.Pointer(OutputFolder, StoreFolder))));
        }
        else Directory.CreateDirectory(Path.Combine(OutputFolder, "runs"));
    }

    /// <summary>In a matrix folder whose runs live in a study's run store: where, relative to the folder.</summary>
    public const string StoreFile = "store.json";

    private sealed record StorePointer(string Store);

    /// <summary>The store a matrix folder's store.json names (absolute), or null when it keeps its own runs.</summary>
    /// <exception cref="DataFileException">store.json is not a pointer to a folder near the matrix's (one line).</exception>
    public static string? ReadStorePointer(string folder)
    {
        var path = Path.Combine(folder, StoreFile);
        if (!File.Exists(path)) return null;
        const string what = "learnability matrix's store pointer";
        var pointer = IO.JsonFile.Read<StorePointer>(path, what, IO.JsonFile.Strict(new JsonSerializerOptions()));
        return RunStore.Resolve(folder, pointer.Store) ?? throw IO.JsonFile.Invalid(path, what, $"$.Store: {pointer.Store} is not a folder near the matrix's");
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

    /// <summary>Every cell × init seed as a named run of the one grid runner (<c>CELL-seed-S</c>), kept in the run store
    /// (<see cref="StoreFolder"/>, else <c>runs/</c> of the output folder; in memory without either), then the cells' results
    /// with their data bounds. Cancellation checkpoints the running runs and throws <see cref="OperationCanceledException"/>;
    /// the next call continues them.</summary>
    public LearnabilityResults Run(IProgress<LearnabilityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        PrepareFolder();
        if (Workers < 1) throw new InvalidSpecException($"invalid learnability matrix: workers {Workers} must be at least 1");
        var cells = Settings.Cells();
        var recipeRuns = Settings.RecipeRuns();
        var noises = cells.Select(c => c.Noise).Concat(recipeRuns.Select(r => r.Noise)).Distinct().ToArray();
        var bounds = noises.Select(BoundsOf).ToArray();
        // One grid for the matrix and the recipe: the cells' runs first (CELL-seed-S), then the recipe's and its ablation's
        // (recipe-additive-seed-S, recipe-no-window-seed-S), each job with the cell it is summarised under.
        var jobs = (from cell in cells from seed in Settings.InitSeeds select (Cell: cell, Seed: seed))
            .Concat(recipeRuns.Select(r => (Cell: new LearnabilityCell(r.Noise, r.Config.Window, r.Config.Reset), Seed: r.InitSeed))).ToArray();
        var runs = Runs().ToArray();
        var store = RunStoreFolder;
        var grid = new GridRunner { StoreFolder = store, Workers = Workers, CreateEngine = CreateEngine }.Run(runs, progress is null ? null
            : new InlineProgress<GridProgress>(p => progress.Report(new LearnabilityProgress(p, p.Finished?.Select(r => Summary(r, jobs[Array.IndexOf(runs, r.Run)])).ToArray()))),
            cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (grid.FirstFailure is { } failed) throw new FrequencyLabException($"learnability run {failed.Run.Name}: {failed.Message}");
        var seedRuns = grid.Runs.Select((r, i) => Summary(r, jobs[i])).ToArray();
        int matrixJobs = cells.Count * Settings.InitSeeds.Length;
        var results = cells.Select(cell => new LearnabilityCellResult(cell,
            [.. Enumerable.Range(0, matrixJobs).Where(i => jobs[i].Cell == cell).Select(i => seedRuns[i])],
            bounds.Single(b => b.Noise == cell.Noise))).ToList();
        var all = new LearnabilityResults(Settings, bounds, results) { Recipe = RecipeResultsOf(recipeRuns, seedRuns.Skip(matrixJobs).ToArray(), bounds) };
        if (OutputFolder is not null) AtomicFile.WriteAllTextIfChanged(ResultsPath, JsonSerializer.Serialize(all.ToSummary(), LearnabilityResults.JsonOptions));
        return all;
    }

    /// <summary>The matrix's named runs in the order <see cref="Run"/> trains them: every cell × init seed (<c>CELL-seed-S</c>),
    /// then the recipe's and its ablation's (<see cref="LearnabilitySettings.RecipeRuns"/>). What a cluster grid plans
    /// (<c>freqlab learnability … --slurm</c>) without training.</summary>
    public IReadOnlyList<GridRun> Runs() =>
        [.. from cell in Settings.Cells() from seed in Settings.InitSeeds select new GridRun($"{cell.Key}-seed-{seed}", Settings.ConfigFor(cell, seed)),
         .. Settings.RecipeRuns().Select(r => new GridRun(r.Name, r.Config))];

    /// <summary>The recipe's cells (one per noise model) and its ablation (one per ingredient), from its runs in
    /// <see cref="LearnabilitySettings.RecipeRuns"/> order; null without a recipe.</summary>
    private RecipeResults? RecipeResultsOf(IReadOnlyList<RecipeRun> runs, SeedRun[] summaries, DataBounds[] bounds)
    {
        if (Settings.Recipe is not { } recipe) return null;
        LearnabilityCellResult Group(Func<RecipeRun, bool> which)
        {
            var picked = Enumerable.Range(0, runs.Count).Where(i => which(runs[i])).ToArray();
            return new LearnabilityCellResult(summaries[picked[0]].Cell, [.. picked.Select(i => summaries[i])], bounds.Single(b => b.Noise == runs[picked[0]].Noise));
        }
        return new RecipeResults(recipe,
            [.. recipe.Noises.Select(n => Group(r => r.Without is null && r.Noise == n))],
            [.. RecipeIngredients.All.Select(i => new AblationResult(i, Group(r => r.Without == i)))]);
    }

    /// <summary>The recipe's model on its task for one init seed, to look inside (notebook 07): read from the matrix's run store
    /// when the run is there (its best checkpoint, e.g. a study's), otherwise trained here in memory, telling
    /// <paramref name="status"/> one line per epoch.</summary>
    /// <exception cref="FrequencyLabException">The settings have no recipe (one line).</exception>
    public Evaluation.ChosenModel RecipeModel(ulong initSeed, Action<string> status, CancellationToken cancellationToken = default)
    {
        var recipe = Settings.Recipe ?? throw new FrequencyLabException("this learnability matrix has no training recipe (its settings.json was written without one)");
        var config = recipe.ConfigFor(Settings, recipe.Task, initSeed);
        var store = RunStoreFolder;
        if (store is not null && Directory.Exists(store))
        {
            var folder = RunStore.Open(store).Locate(config, $"recipe-{Data.DataNames.Of(recipe.Task)}-seed-{initSeed}");
            if (File.Exists(Path.Combine(folder, "history.json")) && Directory.Exists(Path.Combine(folder, "checkpoints")))
                return Evaluation.ChosenModel.FromRun(folder);
        }
        return Evaluation.ChosenModel.Train(config, TrainingData.Load(config.Data), status, cancellationToken);
    }

    /// <summary>What the matrix keeps of one run: its last epoch's frozen test MSE (NaN when it never finished an epoch).</summary>
    private SeedRun Summary(GridRunResult run, (LearnabilityCell Cell, ulong Seed) job)
    {
        var history = run.History;
        var last = history?.Epochs.LastOrDefault();
        int k = Settings.Spec.FrequencyCount;
        return last is null
            ? new SeedRun(job.Cell, job.Seed, double.NaN, [.. Enumerable.Repeat(double.NaN, k)], double.NaN, 0, 0)
            : new SeedRun(job.Cell, job.Seed, last.FrozenTest.Mse, last.FrozenTest.MsePerFrequency, last.TrainLoss, history!.Epochs.Count,
                history.Epochs.Sum(e => e.Seconds));
    }
}
