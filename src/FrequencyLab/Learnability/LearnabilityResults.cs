using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.Signals;

namespace FrequencyLab.Learnability;

/// <summary>The whole matrix: its settings, the data bounds of each noise model and every cell's runs and verdicts.</summary>
public sealed record LearnabilityResults(LearnabilitySettings Settings, IReadOnlyList<DataBounds> Bounds, IReadOnlyList<LearnabilityCellResult> Cells)
{
    public DataBounds BoundsOf(NoiseMode noise) => Bounds.Single(b => b.Noise == noise);

    public LearnabilityCellResult? Find(NoiseMode noise, int window, Training.ResetPolicy reset) =>
        Cells.FirstOrDefault(c => c.Cell == new LearnabilityCell(noise, window, reset));

    /// <summary>JSON options of the matrix files: camelCase, enums as names, NaN allowed (a diverged run's MSE).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

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
    };
}
