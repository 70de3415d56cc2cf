namespace FrequencyLab.Reproduce;

/// <summary>The study's stages, in the order they run. A new stage (the claims ledger, convergence prediction…) is one
/// more line here; the page picks up its wall time and status from the manifest.</summary>
public static class ReproduceStages
{
    public static IReadOnlyList<IReproduceStage> Default { get; } =
    [
        new DataStage(),
        new ReportRunStage(),
        new ProposedFixStage(),
        new SweepStage(),
        // Before the claims: the ledger reads the learnability matrix to judge whether a fundamental limitation stands.
        new LearnabilityStage(),
        new ClaimsStage(),
        new PredictStage(),
        new NotebooksStage(),
    ];
}
