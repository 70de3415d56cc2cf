using FrequencyLab.Claims;

namespace FrequencyLab.Grid.Cluster;

/// <summary>A claims ledger planned for a cluster: what its collector needs to judge the claims and write claims.json exactly
/// as <c>freqlab claims</c> does — the ledger's settings (their scale; <see cref="LedgerSettings.Workers"/> is the collector's
/// own, always 1 here) and the claims it judges, in their order (the embedded file's or a <c>--claims</c> file's).</summary>
public sealed record LedgerPlan(LedgerSettings Settings, IReadOnlyList<ReportClaim> Claims)
{
    /// <summary>The runs folder (a run store and its ledger.json) under the grid folder, as <c>freqlab claims --out DIR</c>
    /// keeps it: DIR/runs/MODE.</summary>
    public string StoreIn(string gridFolder) => LedgerRunsFolder.For(RunsRoot(gridFolder), Settings);

    /// <summary>DIR/runs: the runs root <see cref="ClaimsLedger.Run"/> is given.</summary>
    public static string RunsRoot(string gridFolder) => ClaimsLedger.RunsRootIn(Path.GetFullPath(gridFolder));

    /// <summary>The settings as a plan keeps them (workers are not part of what is trained).</summary>
    public LedgerPlan Normalized() => this with { Settings = Settings with { Workers = 1 } };
}
