using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.Signals;

namespace FrequencyLab.Learnability;

/// <summary>The whole matrix: its settings, the data bounds of each noise model and every cell's runs and verdicts.</summary>
public sealed record LearnabilityResults(LearnabilitySettings Settings, IReadOnlyList<DataBounds> Bounds, IReadOnlyList<LearnabilityCellResult> Cells)
{
    /// <summary>The recipe's runs and its ablation; null when the settings have no recipe.</summary>
    public RecipeResults? Recipe { get; init; }

    /// <summary>The recipe's headline and one finding per ingredient (empty without a recipe).</summary>
    public IReadOnlyList<Findings.Finding> RecipeFindingsList() => Recipe is null ? []
        : [Learnability.RecipeFindings.Headline(Recipe, Settings), .. Learnability.RecipeFindings.Ingredients(Recipe, Settings)];

    public DataBounds BoundsOf(NoiseMode noise) => Bounds.Single(b => b.Noise == noise);

    public LearnabilityCellResult? Find(NoiseMode noise, int window, Training.ResetPolicy reset) =>
        Cells.FirstOrDefault(c => c.Cell == new LearnabilityCell(noise, window, reset));

    /// <summary>JSON options of the matrix files: camelCase, enums as names, NaN allowed (a diverged run's MSE).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    /// <summary>The strict reading of <see cref="JsonOptions"/> (<see cref="IO.JsonFile.Strict"/>): settings.json and the stored runs.</summary>
    public static JsonSerializerOptions ReadOptions { get; } = IO.JsonFile.Strict(JsonOptions);

    /// <summary>The data bounds of each noise model as a table (overall MSE; per frequency in the JSON).</summary>
    public Charts.HtmlTable BoundsTable() => new(
        ["noise model", "predict zero", "best memoryless (fitted on train)", "causal linear filter of the last K samples (fitted on train)", "perfect clock"],
        Bounds.Select(b => (IReadOnlyList<string>)[Data.DataNames.Of(b.Noise), Findings.Number.Format(b.ZeroMse),
            $"{Findings.Number.Format(b.MemorylessMse)} ({b.MemorylessName})", b.LinearFilterSummary(), Findings.Number.Format(b.ClockMse)]),
        $"MSE on the test rows that each predictor allows ({Settings.Label} matrix data)");

    /// <summary>One row per cell: median [min, max] frozen test MSE over seeds, the verdict overall and per frequency.</summary>
    public Charts.HtmlTable VerdictTable() => new(
        ["noise model", "L", "reset", "frozen test MSE, median [min, max]", "verdict", "per frequency (beyond / memoryless / nothing)"],
        Cells.Select(c => (IReadOnlyList<string>)[
            Data.DataNames.Of(c.Cell.Noise), c.Cell.Window.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.Cell.Reset == Training.ResetPolicy.PerBlock ? "per block" : "per epoch",
            $"{Findings.Number.Format(c.MedianTestMse)} [{Findings.Number.Format(c.MinTestMse)}, {Findings.Number.Format(c.MaxTestMse)}]",
            LearnabilityRule.Describe(c.Verdict),
            string.Join(" / ", new[] { LearnabilityVerdict.LearnsBeyondMemoryless, LearnabilityVerdict.ReachesMemorylessOnly, LearnabilityVerdict.LearnsNothing }
                .Select(v => c.VerdictPerFrequency.Count(x => x == v)))]),
        $"{Settings.InitSeeds.Length} init seeds, {Settings.Epochs} epochs, H = {Settings.HiddenSize}, {Settings.Spec.SampleCount * Settings.Spec.FrequencyCount} training rows, engine {Settings.Engine} ({Settings.Label} matrix). Rule: {LearnabilityRule.Text}");

    /// <summary>One row per cell, as <c>freqlab learnability --json</c> prints it.</summary>
    public object ToSummary() => new
    {
        label = Settings.Label,
        rule = LearnabilityRule.Text,
        bounds = Bounds,
        cells = Cells.Select(c => new
        {
            noise = Data.DataNames.Of(c.Cell.Noise),
            window = c.Cell.Window,
            reset = c.Cell.Reset == Training.ResetPolicy.PerBlock ? "per-block" : "per-epoch",
            seeds = c.Runs.Select(r => r.InitSeed),
            testMse = c.Runs.Select(r => r.TestMse),
            medianTestMse = c.MedianTestMse,
            medianTestMsePerFrequency = c.MedianTestMsePerFrequency,
            verdict = LearnabilityRule.Describe(c.Verdict),
            verdictPerFrequency = c.VerdictPerFrequency.Select(LearnabilityRule.Describe),
            secondsPerEpoch = c.Runs.Average(r => r.Seconds / Math.Max(1, r.Epochs)),
        }),
        recipe = Recipe is null ? null : RecipeSummary(Recipe),
    };

    private object RecipeSummary(RecipeResults r)
    {
        static object Runs(LearnabilityCellResult c) => new
        {
            noise = Data.DataNames.Of(c.Cell.Noise),
            seeds = c.Runs.Select(x => x.InitSeed),
            testMse = c.Runs.Select(x => x.TestMse),
            worstTestMse = RecipeResults.Worst(c),
            medianTestMse = c.MedianTestMse,
            medianTestMsePerFrequency = c.MedianTestMsePerFrequency,
            verdict = LearnabilityRule.Describe(c.Verdict),
            seconds = c.Runs.Sum(x => x.Seconds),
        };
        var ingredients = Learnability.RecipeFindings.Ingredients(r, Settings);
        var headline = Learnability.RecipeFindings.Headline(r, Settings);
        return new
        {
            description = r.Recipe.Describe(),
            settings = r.Recipe,
            cells = r.Cells.Select(Runs),
            ablation = r.Ablation.Select((a, i) => new
            {
                without = RecipeIngredients.Key(a.Ingredient),
                result = Runs(a.Without),
                verdict = ingredients[i].VerdictText,
                explanation = ingredients[i].Explanation,
            }),
            headline = new { question = headline.Question, verdict = headline.VerdictText, explanation = headline.Explanation },
        };
    }
}
