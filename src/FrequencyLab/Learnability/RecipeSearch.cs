using FrequencyLab.Grid;

namespace FrequencyLab.Learnability;

/// <summary>One configuration the search tried: the recipe at one window and epoch budget, over the matrix's init seeds.</summary>
/// <param name="Recipe">The configuration.</param>
/// <param name="TestMse">Each seed's last-epoch frozen test MSE, in seed order (NaN: the run did not finish an epoch).</param>
/// <param name="Target">The MSE every seed must stay under.</param>
public sealed record RecipeSearchTrial(LearningRecipe Recipe, IReadOnlyList<double> TestMse, double Target)
{
    /// <summary>The worst seed (NaN counts as worst).</summary>
    public double WorstMse => TestMse.Any(double.IsNaN) ? double.NaN : TestMse.Max();

    /// <summary>Every seed below the target.</summary>
    public bool Passes => TestMse.All(v => v < Target);

    /// <summary>What it costs: epochs × rows per epoch, the same rows for every window.</summary>
    public long Rows(LearnabilitySettings settings) => (long)Recipe.Epochs * settings.Spec.SampleCount * settings.Spec.FrequencyCount;
}

/// <summary>The search's outcome: every trial in the order run, and the cheapest that passed (null when none did).</summary>
public sealed record RecipeSearchOutcome(IReadOnlyList<RecipeSearchTrial> Trials, RecipeSearchTrial? Cheapest);

/// <summary>
/// The search behind the recipe (issue 23): over the windows and epoch budgets given, the other ingredients held at the
/// recipe's, find the cheapest configuration — fewest epochs × rows — whose worst init seed reaches a frozen test MSE below
/// <see cref="Target"/> on the recipe's task. Budgets are tried cheapest first, every window of a budget in one batch of
/// the one grid runner (<see cref="GridRunner"/>, the matrix's store: a rerun reads the runs back), and the search stops at
/// the first budget where some window passes, so it never trains a budget dearer than the answer.
/// </summary>
public sealed class RecipeSearch(LearnabilitySettings settings, LearningRecipe recipe)
{
    public LearnabilitySettings Settings { get; } = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
    public LearningRecipe Recipe { get; } = recipe ?? throw new ArgumentNullException(nameof(recipe));

    /// <summary>The bar: six times better than the matrix's best cell (0.3047) and far past the memoryless bound.</summary>
    public double Target { get; init; } = 0.05;

    /// <summary>Windows tried at every budget.</summary>
    public IReadOnlyList<int> Windows { get; init; } = [100, 300, 1000];

    /// <summary>Epoch budgets, tried from the smallest.</summary>
    public IReadOnlyList<int> Epochs { get; init; } = [6, 8, 10, 12, 15];

    /// <summary>Where the runs are kept; null in memory.</summary>
    public string? StoreFolder { get; init; }

    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs the budgets from the cheapest until one passes; <paramref name="status"/> gets one line per budget.</summary>
    public RecipeSearchOutcome Run(Action<string>? status = null, CancellationToken cancellationToken = default)
    {
        if (!(Target > 0) || !double.IsFinite(Target)) throw new InvalidSpecException($"invalid recipe search: target {Target} must be a positive number");
        if (Windows.Count == 0 || Epochs.Count == 0 || Windows.Any(w => w < 1) || Epochs.Any(e => e < 1))
            throw new InvalidSpecException("invalid recipe search: give at least one window and one epoch budget, each at least 1");
        var trials = new List<RecipeSearchTrial>();
        foreach (int epochs in Epochs.Distinct().Order())
        {
            var candidates = Windows.Distinct().Order().Select(w => Recipe with { Window = w, Epochs = epochs }).ToArray();
            var runs = candidates.SelectMany(c => Settings.InitSeeds.Select(s =>
                new GridRun($"search-L{c.Window}-e{c.Epochs}-seed-{s}", c.ConfigFor(Settings, Recipe.Task, s)))).ToArray();
            var grid = new GridRunner { StoreFolder = StoreFolder, Workers = Workers }.Run(runs, cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (grid.FirstFailure is { } failed) throw new FrequencyLabException($"recipe search run {failed.Run.Name}: {failed.Message}");
            int k = Settings.InitSeeds.Length;
            var level = candidates.Select((c, i) => new RecipeSearchTrial(c,
                [.. grid.Runs.Skip(i * k).Take(k).Select(r => r.History?.Epochs.LastOrDefault()?.FrozenTest.Mse ?? double.NaN)], Target)).ToArray();
            trials.AddRange(level);
            status?.Invoke($"{epochs} epochs: " + string.Join(", ", level.Select(t => $"L = {t.Recipe.Window} worst {Findings.Number.Format(t.WorstMse)}")));
            if (level.FirstOrDefault(t => t.Passes) is { } found) return new RecipeSearchOutcome(trials, found);
        }
        return new RecipeSearchOutcome(trials, null);
    }
}
