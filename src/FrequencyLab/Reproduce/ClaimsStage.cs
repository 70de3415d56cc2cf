using System.Globalization;
using FrequencyLab.Claims;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The claims ledger (<see cref="ClaimsLedger"/>, what <c>freqlab claims</c> runs) at the profile's ledger scale
/// (<see cref="ReproduceProfile.Ledger"/>): every experiment the report's claims need, as named runs in the study's run
/// store (finished runs reused, interrupted ones continued; claims/runs/MODE/ledger.json records the settings and the store),
/// every claim judged by its rule, claims/claims.json written atomically.
/// </summary>
public sealed class ClaimsStage : IReproduceStage
{
    public string Name => "claims";
    public string Title => "claims ledger (every claim of the report judged by its rule)";

    /// <summary>The ledger's settings for this study: the profile's scale, as many experiments at once as the study's jobs.</summary>
    public static LedgerSettings Settings(ReproduceContext context) => context.Profile.Ledger with { Workers = context.Options.Jobs };

    public static string RunsFolder(ReproduceContext context) => Path.Combine(context.Layout.ClaimsFolder, "runs");

    public int Runs(ReproduceContext context) => Ledger(context).ExperimentsFor(ReportClaims.Embedded()).Count;

    public IReadOnlyList<Grid.GridRun> PlannedRuns(ReproduceContext context) => Ledger(context).RunsFor(ReportClaims.Embedded());

    public string Fingerprint(ReproduceContext context)
    {
        var s = Settings(context);
        var claims = ReportClaims.Embedded();
        // The claims file's text (quotes, rules, notebook links) and the scale decide claims.json; workers do not.
        // The learnability matrix's results join the evidence (the fundamental-limitation claims).
        var matrix = LearnabilityStage.Load(context);
        return ReproduceContext.Hash(Name, s.Label, string.Join("\n", claims.Select(c => $"{c.Id}|{c.Quote}|{c.Rule}|{c.Notebook}")),
            matrix is null ? "no learnability" : string.Join(";", matrix.Cells.Select(c => $"{c.Cell.Key}:{c.Verdict}")));
    }

    public bool OutputsExist(ReproduceContext context) => File.Exists(context.Layout.Claims);

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var claims = ReportClaims.Embedded();
        var ledger = Ledger(context);
        Directory.CreateDirectory(context.Layout.ClaimsFolder);
        var verdicts = ledger.Run(claims, RunsFolder(context), new Reporter(progress), cancellationToken, LearnabilityStage.Load(context));
        ClaimsJson.Write(context.Layout.ClaimsFolder, verdicts);
        var counts = string.Join(", ", verdicts.GroupBy(v => v.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Findings.Finding.VerdictWord(g.Key)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{verdicts.Count} claims ({counts}); {ledger.Settings.Label}");
    }

    /// <summary>The ledger, its runs in the study's run store: the sweep's, the report run's and the matrix's runs that are
    /// the ledger's runs are read, not trained again.</summary>
    private static ClaimsLedger Ledger(ReproduceContext context) => new(Settings(context)) { StoreFolder = context.Layout.Runs };

    /// <inheritdoc cref="IReproduceStage.ReadsRunsAlongside"/>
    public bool ReadsRunsAlongside => true;

    /// <summary>The ledger's rows done / planned as the stage's fraction; its finished experiments as the stage's runs.</summary>
    private sealed class Reporter(IProgress<StageProgress> progress) : IProgress<ClaimsProgress>
    {
        public void Report(ClaimsProgress p) => progress.Report(new StageProgress(p.ExperimentsDone,
            p.RowsTotal > 0 ? Math.Clamp((double)p.RowsDone / p.RowsTotal, 0, 1) : p.Stage == "judging" ? 1 : 0,
            p.Stage == "training" ? $"experiments {p.ExperimentsDone}/{p.ExperimentsTotal}" : p.Stage));
    }
}
