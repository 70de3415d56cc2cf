using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Cli.Options;
using FrequencyLab.Data;
using FrequencyLab.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Findings;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Learnability;
using FrequencyLab.Training;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab learnability</c>: the matrix noise model × truncated-BPTT window × reset policy × init seeds
/// (<see cref="LearnabilityMatrix"/>), each cell judged against the bounds its data allows, and beside it the training recipe on
/// each noise model and its ablation (<see cref="LearningRecipe"/>, <see cref="RecipeFindings"/>; <c>--no-recipe</c> skips
/// them). Resumable: rerunning with the same <c>--out</c> reuses every finished run. With <c>--slurm</c> the runs are planned
/// into <c>--out</c> as a Slurm job array instead (<see cref="GridSubmission"/>) and <c>freqlab grid collect DIR</c> writes
/// results.json.
/// </summary>
internal sealed class LearnabilityVerb : IVerb
{
    private readonly Option<bool> _quick = new("--quick") { Description = "The small labelled matrix (320 rows, H = 16, 3 epochs, L ∈ {1, 40}, 3 seeds) and recipe (L = 40, 15 epochs): well under a minute." };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Override the epochs per matrix run (full: 5, quick: 3); the recipe keeps its own budget (full and quick: 15)." };
    private readonly Option<int?> _seeds = SharedOptions.Count("--seeds", "Override the number of init seeds (0, 1, …; full: 3, quick: 3).");
    private readonly Option<string?> _engine = SharedOptions.Engine($"Engine of every run: {string.Join(" or ", EngineFactory.WindowNames)} (default {LearnabilitySettings.Full.Engine}; the full matrix takes minutes on fused, hours on torch).", EngineFactory.WindowNames);
    private readonly Option<string?> _output = SharedOptions.Out("Matrix folder: settings.json, runs/*.json, results.json.");
    private readonly Option<bool> _json = SharedOptions.Json("Print the results (one entry per cell) as JSON instead of the table.");
    private readonly Option<bool> _noRecipe = new("--no-recipe") { Description = "Run the matrix alone: skip the training recipe and its ablation (run beside it by default, with their own epoch budget)." };
    private readonly Option<bool> _search = new("--search") { Description = "Instead of the matrix: search the recipe's window × epoch budget for the cheapest configuration whose worst seed reaches frozen test MSE < 0.05 on its task (budgets 6, 8, 10, 12, 15 epochs × L ∈ {100, 300, 1000}, cheapest first; runs kept in --out's runs/)." };
    private readonly SlurmOptionSet _slurm = new("the matrix's runs (and the recipe's)");
    private readonly Option<int?> _workers = SharedOptions.Workers($"Runs trained at once (default one per core: {Environment.ProcessorCount}); the results do not depend on it.");

    public Command Build()
    {
        var command = new Command("learnability", "Which change makes the task learnable? Noise model × window L × reset × seeds, judged against zero, memoryless and clock bounds.");
        foreach (var o in new Option[] { _quick, _epochs, _seeds, _engine, _noRecipe, _search, _output, _workers, _json }) command.Options.Add(o);
        command.Requires(_output, "--out DIR is required");
        _slurm.AddTo(command, _json);
        // The search stops at the first configuration that passes: a sequence, not a grid of independent runs.
        command.NotTogether(_search, _slurm.Slurm);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        using var interrupt = new GracefulInterrupt(ct);
        var settings = FrequencyLab.Scales.StudyScales.For(parse.GetValue(_quick)).Learnability;
        if (parse.GetValue(_epochs) is { } e) settings = settings with { Epochs = e };
        if (parse.GetValue(_engine) is { } name) settings = settings with { Engine = name };
        if (parse.GetValue(_seeds) is { } n) settings = settings with { InitSeeds = [.. Enumerable.Range(0, n).Select(i => (ulong)i)] };
        if (parse.GetValue(_noRecipe)) settings = settings with { Recipe = null };
        // A cluster matrix: the same runs planned into --out (DIR/runs), trained by Slurm; freqlab grid collect DIR writes results.json.
        if (_slurm.Requested(parse)) return GridSubmission.Plan(parse, _slurm, GridPlan.ForLearnability(settings), parse.GetValue(_output)!);
        int jobs = parse.GetValue(_workers) ?? Environment.ProcessorCount;
        var matrix = new LearnabilityMatrix(settings) { OutputFolder = Path.GetFullPath(parse.GetValue(_output)!), Workers = jobs };
        var stdout = parse.InvocationConfiguration.Output;
        bool asJson = parse.GetValue(_json);
        if (parse.GetValue(_search)) return Search(matrix, stdout, asJson, interrupt.Token);
        var progress = asJson ? null : new InlineProgress<LearnabilityProgress>(p => WriteProgress(stdout, p));
        var results = matrix.Run(progress, interrupt.Token);
        if (asJson)
        {
            stdout.WriteLine(JsonSerializer.Serialize(results.ToSummary(), LearnabilityResults.JsonOptions));
            return CliRunner.Ok;
        }
        WriteTable(stdout, results);
        stdout.WriteLine(LearnabilityFindings.Recommendation(results).Explanation);
        if (results.Recipe is { } recipe) WriteRecipe(stdout, results, recipe);
        stdout.WriteLine($"results: {matrix.ResultsPath}");
        return CliRunner.Ok;
    }

    /// <summary>The recipe search (<see cref="RecipeSearch"/>) into the matrix folder's run store.</summary>
    private static int Search(LearnabilityMatrix matrix, TextWriter stdout, bool asJson, CancellationToken ct)
    {
        var recipe = matrix.Settings.Recipe ?? throw new FrequencyLabException("--search needs the recipe (drop --no-recipe)");
        matrix.PrepareFolder();
        var search = new RecipeSearch(matrix.Settings, recipe) { StoreFolder = Path.Combine(matrix.OutputFolder!, "runs"), Workers = matrix.Workers };
        var outcome = search.Run(asJson ? null : stdout.WriteLine, ct);
        if (asJson)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                target = search.Target,
                trials = outcome.Trials.Select(t => new { recipe = t.Recipe.Describe(), window = t.Recipe.Window, epochs = t.Recipe.Epochs, testMse = t.TestMse, worstMse = t.WorstMse, passes = t.Passes, rows = t.Rows(matrix.Settings) }),
                cheapest = outcome.Cheapest?.Recipe.Describe(),
            }, LearnabilityResults.JsonOptions));
            return CliRunner.Ok;
        }
        stdout.WriteLine(outcome.Cheapest is { } c
            ? $"cheapest: {c.Recipe.Describe()} — worst seed {Number.Format(c.WorstMse)} < {Number.Format(search.Target)} ({c.Rows(matrix.Settings):N0} training rows)"
            : $"no configuration tried reaches a worst-seed frozen test MSE below {Number.Format(search.Target)}");
        return CliRunner.Ok;
    }

    private static void WriteTable(TextWriter w, LearnabilityResults results)
    {
        w.WriteLine($"learnability matrix ({results.Settings.Label}): frozen test MSE, median [min, max] over {results.Settings.InitSeeds.Length} seeds");
        foreach (var b in results.Bounds)
            w.WriteLine($"  {DataNames.Of(b.Noise),-10} bounds: zero {Number.Format(b.ZeroMse)}, best memoryless {Number.Format(b.MemorylessMse)} ({b.MemorylessName}), linear filter {b.LinearFilterSummary()}, clock {Number.Format(b.ClockMse)}");
        w.WriteLine($"{"noise",-10} {"L",5} {"reset",-9} {"test MSE",28}  verdict");
        foreach (var c in results.Cells)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DataNames.Of(c.Cell.Noise),-10} {c.Cell.Window,5} {(c.Cell.Reset == ResetPolicy.PerBlock ? "per-block" : "per-epoch"),-9} {$"{Number.Format(c.MedianTestMse)} [{Number.Format(c.MinTestMse)}, {Number.Format(c.MaxTestMse)}]",28}  {LearnabilityRule.Describe(c.Verdict)}"));
    }

    private static void WriteRecipe(TextWriter w, LearnabilityResults results, RecipeResults recipe)
    {
        w.WriteLine($"the recipe ({results.Settings.Label}): {recipe.Recipe.Describe()}; frozen test MSE, worst / median over {results.Settings.InitSeeds.Length} seeds");
        static string Mse(LearnabilityCellResult c) => $"{Number.Format(RecipeResults.Worst(c))} / {Number.Format(c.MedianTestMse)}";
        foreach (var c in recipe.Cells)
            w.WriteLine($"  recipe on {DataNames.Of(c.Cell.Noise),-10} {Mse(c),24}  {LearnabilityRule.Describe(c.Verdict)}");
        var findings = RecipeFindings.Ingredients(recipe, results.Settings);
        for (int i = 0; i < recipe.Ablation.Count; i++)
            w.WriteLine($"  {RecipeIngredients.WithoutIt(recipe.Ablation[i].Ingredient),-52} {Mse(recipe.Ablation[i].Without),24}  ingredient matters: {findings[i].VerdictText}");
        w.WriteLine(RecipeFindings.Headline(recipe, results.Settings).Explanation);
    }

    // One line per finished (or reused) run: the matrix can take an hour, so the user sees where it is.
    private static void WriteProgress(TextWriter w, LearnabilityProgress p)
    {
        // The first report, before any training, counts the runs found in the store.
        if (p.Grid is { Finished: null, RowsDone: 0, RunsRunning: 0, RunsDone: > 0 } g)
            w.WriteLine($"{g.RunsDone} of {g.RunsTotal} runs reused from the store");
        foreach (var run in p.Finished ?? [])
            w.WriteLine($"{p.Grid.RunsDone}/{p.Grid.RunsTotal}: {run.Cell}, seed {run.InitSeed}: frozen test MSE {Number.Format(run.TestMse)} ({run.Seconds:0.0} s)");
    }
}
