using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Validation;

namespace FrequencyLab.Reproduce;

/// <summary>One cell of the learnability matrix in results.json.</summary>
public sealed record LearnabilityCellSummary(string Cell, double MedianTestMse, double MinTestMse, double MaxTestMse, string Verdict);

/// <summary>A baseline's test MSE, as the page shows it.</summary>
public sealed record BaselineSummary(string Name, double Mse, string Note);

/// <summary>
/// Every number and verdict the page shows, gathered from the study folder. results.json holds exactly this, without
/// timings or absolute paths, so two studies with the same options give byte-identical files.
/// </summary>
public sealed record ReproduceResults(
    string Profile,
    string Engine,
    RunSummary? ReportRun,
    RunSummary? ProposedRun,
    IReadOnlyList<SweepPointSummary> Sweep,
    IReadOnlyList<BaselineSummary> Baselines,
    IReadOnlyList<NumberComparison> Comparisons,
    IReadOnlyList<NotebookSummary> Notebooks,
    [property: JsonIgnore] IReadOnlyList<LedgerClaim>? Claims,
    IReadOnlyList<ForecastSummary>? Forecasts,
    [property: JsonIgnore] Learnability.LearnabilityResults? Learnability,
    [property: JsonIgnore] ReportNumbers Report)
{
    /// <summary>The ledger as results.json holds it: every claim but those about wall time (their numbers differ from run to
    /// run by nature; the page shows them, labelled as timings).</summary>
    [JsonPropertyName("claims")]
    public IReadOnlyList<LedgerClaim>? ReproducibleClaims => Claims?.Where(c => !c.Timing).ToList();

    /// <summary>The learnability matrix as results.json holds it: each cell's median frozen test MSE and verdict (no timings).</summary>
    [JsonPropertyName("learnability")]
    public IReadOnlyList<LearnabilityCellSummary>? LearnabilityCells => Learnability?.Cells
        .Select(c => new LearnabilityCellSummary(c.Cell.Key, c.MedianTestMse, c.MinTestMse, c.MaxTestMse, c.Verdict.ToString())).ToList();

    public static ReproduceResults Collect(ReproduceContext context)
    {
        var layout = context.Layout;
        var report = ReportNumbers.Read(context.Options.RepositoryRoot);
        var reportRun = RunSummary.Load(context.ReportRunFolder, layout);
        var proposed = RunSummary.Load(context.ProposedRunFolder, layout);
        var baselines = new List<BaselineSummary>();
        if (File.Exists(layout.TrainData) && File.Exists(layout.TestData))
            baselines.AddRange(Validation.Baselines.Score(DatasetIO.Read(layout.TrainData), DatasetIO.Read(layout.TestData))
                .Select(b => new BaselineSummary(b.Name, b.Mse, b.Note)));
        double? bestMemoryless = baselines.FirstOrDefault(b => b.Name == "best memoryless")?.Mse;
        var notebooks = context.Options.Notebooks is { } executor ? NotebooksStage.Sources(context).Select(s => executor.Summarize(s, layout)).ToList() : [];
        return new ReproduceResults(context.Profile.Name, context.Options.Engine, reportRun, proposed,
            SweepPointSummary.Load(layout.Sweep), baselines,
            NumberComparison.Build(report, reportRun, proposed, bestMemoryless),
            notebooks,
            File.Exists(layout.Claims) ? LedgerClaim.Read(layout.Claims).Select(c => c.LinkedTo(notebooks)).ToList() : null,
            File.Exists(layout.Forecasts) ? ForecastSummary.Read(layout.Forecasts) : null,
            LearnabilityStage.Load(context),
            report);
    }

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());
}
