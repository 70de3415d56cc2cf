namespace FrequencyLab.Reproduce;

/// <summary>The end of one invocation of the study.</summary>
/// <param name="Manifest">Each stage's status and wall time.</param>
/// <param name="Results">What the page shows.</param>
/// <param name="IndexPath">The page written.</param>
/// <param name="Cancelled">Ctrl+C stopped it; running it again continues.</param>
public sealed record ReproduceOutcome(ReproduceManifest Manifest, ReproduceResults Results, string IndexPath, bool Cancelled)
{
    /// <summary>The first stage that failed, if any.</summary>
    public StageRecord? Failure => Manifest.Stages.FirstOrDefault(s => s.Status == StageStatus.Failed);
}
