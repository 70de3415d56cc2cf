using System.Globalization;
using System.Text.Json;
using FrequencyLab.Learnability;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The learnability matrix (<see cref="LearnabilityMatrix"/>, what <c>freqlab learnability</c> runs) at the profile's
/// learnability scale (<see cref="ReproduceProfile.Learnability"/>: the full matrix in the full study, the small labelled one
/// otherwise), into learnability/, on the fused engine (<see cref="LearnabilitySettings.Engine"/>), with the training recipe and
/// its ablation when the scale has one (<see cref="LearnabilitySettings.Recipe"/>); every run in the study's store.
/// </summary>
public sealed class LearnabilityStage : IReproduceStage
{
    public string Name => "learnability";
    public string Title => "learnability matrix on the fused engine (noise model × window × reset × init seed), the training recipe and its ablation";
    public int Runs(ReproduceContext context) =>
        context.Profile.Learnability.Cells().Count * context.Profile.Learnability.InitSeeds.Length + context.Profile.Learnability.RecipeRuns().Count;

    public IReadOnlyList<Grid.GridRun> PlannedRuns(ReproduceContext context) => Matrix(context).Runs();

    public string Fingerprint(ReproduceContext context) =>
        ReproduceContext.Hash(Name, JsonSerializer.Serialize(context.Profile.Learnability, LearnabilityResults.JsonOptions));

    public bool OutputsExist(ReproduceContext context) => File.Exists(Matrix(context).ResultsPath);

    public static LearnabilityMatrix Matrix(ReproduceContext context) =>
        new(context.Profile.Learnability) { OutputFolder = context.Layout.Learnability, StoreFolder = context.Layout.Runs, Workers = context.Options.Jobs };

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var results = Matrix(context).Run(new Reporter(progress), cancellationToken);
        var recipe = results.Recipe is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"; the recipe: worst seed {Findings.Number.Format(RecipeResults.Worst(r.Main))} on {Data.DataNames.Of(r.Main.Cell.Noise)} data, {r.Ablation.Count} ingredients ablated")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{results.Cells.Count} cells × {results.Settings.InitSeeds.Length} seeds ({results.Settings.Label} matrix){recipe}");
    }

    /// <summary>The finished matrix, read back from its stored runs (nothing is trained: every run is on disk once the
    /// stage completed), or null when the stage has not completed.</summary>
    public static LearnabilityResults? Load(ReproduceContext context)
    {
        var matrix = Matrix(context);
        if (!File.Exists(matrix.ResultsPath)) return null;
        // results.json is written once every run is in the store, so this reads them back (a run deleted since is trained again).
        return matrix.Run();
    }

    private sealed class Reporter(IProgress<StageProgress> progress) : IProgress<LearnabilityProgress>
    {
        public void Report(LearnabilityProgress p) => progress.Report(new StageProgress(p.Grid.RunsDone, p.Fraction, p.ToString()));
    }
}
