using System.Globalization;
using System.Net;
using System.Text;
using FrequencyLab.Charts;
using FrequencyLab.Findings;
using FrequencyLab.Learnability;

namespace FrequencyLab.Reproduce;

/// <summary>
/// index.html of a study: one standalone page (plotly.js inlined once, no network) with the claims ledger, the key charts,
/// the report's numbers beside ours, the executed notebooks, each stage's wall time, and the config and software.
/// A reduced study (quick, tiny) says so in the title, a banner and every section heading.
/// </summary>
public static class ReproducePage
{
    public static string Render(ReproduceResults results, ReproduceManifest manifest, IReadOnlyList<IReproduceStage> stages,
        StudyEnvironment environment, ReproduceOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        var profile = options.Profile;
        string scale = profile.IsReduced ? $" ({profile.Name})" : "";
        var body = new StringBuilder();
        body.Append($"<h1>{E(Title(profile))}</h1>\n");
        if (profile.IsReduced)
            body.Append($"<p class=\"banner\" data-scale=\"{E(profile.Name)}\"><strong>{E(profile.Name.ToUpperInvariant())} MODE</strong> — a reduced study ({F($"{profile.SignalSeconds:0.##}")} s of signal per frequency instead of 10 s, fewer epochs and sweep points, notebooks in quick mode). Its numbers show that the pipeline works; they are not the report's scale.</p>\n");
        body.Append("<p>Every number on this page was measured by this run of <code>freqlab reproduce</code> or read from the report's figures (data/report/phase3-report-figures.json); every verdict comes from an explicit rule in the library. results.json holds the same numbers.</p>\n");
        if (results.Claims?.Select(c => c.Scale).FirstOrDefault(x => x is not null) is { } ledgerScale)
            body.Append($"<p class=\"scale\" data-scale=\"ledger\"><strong>Scale of the claims ledger</strong> — {E(ledgerScale)}.</p>\n");
        body.Append("<nav><a href=\"#conclusion\">What this study found</a> · <a href=\"#claims\">Claims ledger</a> · <a href=\"#charts\">Key charts</a> · <a href=\"#prediction\">Convergence prediction</a> · <a href=\"#learnability\">Learnability</a> · <a href=\"#numbers\">The report's numbers beside ours</a> · <a href=\"#notebooks\">Notebooks</a> · <a href=\"#stages\">Stages and wall time</a> · <a href=\"#config\">Configuration and software</a></nav>\n");

        bool anyChart = Conclusion(body, results, scale);
        Claims(body, results, scale);
        anyChart |= Charts(body, results, scale);
        anyChart |= Prediction(body, results, scale);
        anyChart |= LearnabilitySection(body, results, scale);
        Numbers(body, results, scale);
        Notebooks(body, results, scale);
        StageTable(body, manifest, stages, scale);
        Config(body, results, environment, options, scale);

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(Title(profile))).Append("</title>\n");
        page.Append("<style>\n").Append(Css).Append("</style>\n");
        if (anyChart) page.Append(PlotlyJs.InlineScript()).Append('\n');
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    public static string Title(ReproduceProfile profile) =>
        (profile.IsReduced ? $"[{profile.Name.ToUpperInvariant()}] " : "") + "Reproduction of the Phase 3 training report";

    /// <summary>The answer first: the headline findings beside the key chart, then the verdicts counted per report section.</summary>
    private static bool Conclusion(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"conclusion\"><h2>What this study found{E(scale)}</h2>\n<div class=\"conclusion\">\n<div class=\"headlines\">\n");
        var headlines = StudyConclusion.Headlines(r);
        if (headlines.Count == 0)
            b.Append("<p class=\"not-run\" data-status=\"not-run\">No stage that the findings read has completed in this study yet.</p>\n");
        foreach (var h in headlines) b.Append(HeadlineHtml(h));
        b.Append("</div>\n<div class=\"key-chart\" id=\"key-chart\">\n");
        var chart = StudyConclusion.KeyChart(r, scale);
        if (chart is not null) b.Append(chart.ToHtml()).Append('\n');
        else b.Append("<p class=\"not-run\">Neither the report's run nor the proposed fix has run in this study.</p>\n");
        b.Append("</div>\n</div>\n");
        if (r.Claims is { Count: > 0 } claims)
        {
            b.Append("<h3>The report's claims, section by section</h3>\n<table class=\"sections\"><tr><th>report section</th><th>supported</th><th>contradicted</th><th>inconclusive</th></tr>\n");
            foreach (var sv in StudyConclusion.VerdictsBySection(claims))
                b.Append($"<tr class=\"section-verdicts\"><td>{E(sv.Section)} {E(sv.Title)}</td><td class=\"num supported\">{sv.Supported}</td><td class=\"num contradicted\">{sv.Contradicted}</td><td class=\"num inconclusive\">{sv.Inconclusive}</td></tr>\n");
            b.Append("</table>\n");
        }
        b.Append("</section>\n");
        return chart is not null;
    }

    private static string HeadlineHtml(Headline h)
    {
        var f = h.Finding;
        var details = new StringBuilder();
        if (f.Claim is not null) details.Append($"<div>Report{(f.Source is null ? "" : " (" + E(f.Source) + ")")}: <em>“{E(f.Claim)}”</em></div>");
        if (f.Measurements.Count > 0)
            details.Append("<ul>").Append(string.Concat(f.Measurements.Select(m => $"<li>{E(m.Name)}: {E(m.Display())}</li>"))).Append("</ul>");
        details.Append($"<div><small>Rule: {E(f.Rule)}</small></div>");
        return $"<div class=\"headline\" id=\"headline-{E(h.Id)}\" data-verdict=\"{E(f.VerdictText)}\"><span class=\"chip {E(f.VerdictText)}\">{E(f.VerdictText)}</span> " +
               $"<strong>{E(f.Question)}</strong> <a href=\"{E(h.Evidence)}\">evidence</a><p>{E(f.Explanation)}</p><details><summary>numbers and rule</summary>{details}</details></div>\n";
    }

    /// <summary>One line per claim, grouped by report section: id, the report's words, verdict chip and the explanation's first
    /// sentence; the rest of the explanation, the evidence, the rule and the experiment folded under it.</summary>
    private static void Claims(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"claims\" class=\"ledger\"><h2>Claims ledger{E(scale)}</h2>\n");
        if (r.Claims is null)
        {
            b.Append("<p class=\"not-run\" data-status=\"not-run\">Not yet run: the claims stage has not completed in this study (claims/claims.json is absent), so no claim of the report has a verdict here. The notebooks below show the evidence gathered so far.</p>\n</section>\n");
            return;
        }
        b.Append("<p>Every testable claim of the report (data/report-claims.json), judged by its rule on the ledger's runs at the scale stated at the top of the page. Open a claim for its evidence, rule and experiment.</p>\n");
        foreach (var group in r.Claims.GroupBy(c => StudyConclusion.TopSection(c.Section)).OrderBy(g => g.Key))
        {
            var title = StudyConclusion.ReportSections.TryGetValue(group.Key, out var t) ? $"§{group.Key} {t}" : "Other";
            b.Append($"<h3>{E(title)}</h3>\n<table class=\"claims\"><tr><th>claim</th><th>the report's words</th><th>verdict</th><th>why</th></tr>\n");
            foreach (var c in group)
            {
                var (first, rest) = FirstSentence(c.Explanation);
                var evidence = string.Concat(c.Evidence.Select(e => $"<li>{E(e.Name)} = {E(e.Value)}{(e.Unit.Length > 0 && e.Unit != "%" ? " " + E(e.Unit) : E(e.Unit))}</li>"));
                var link = c.Notebook is { } n ? $"<a href=\"{E(n)}\">the notebook section</a>" : "<a href=\"#notebooks\">notebooks</a>";
                b.Append($"<tr class=\"claim\" id=\"claim-{E(c.Id)}\" data-verdict=\"{E(c.Verdict)}\"><td>{E(c.Id)}<br><small>{E(c.Section)}</small></td><td><em>“{E(c.Quote)}”</em></td>" +
                         $"<td><span class=\"chip {E(c.Verdict)}\">{E(c.Verdict)}</span></td><td>{E(first)}<details><summary>evidence and rule</summary>" +
                         (rest.Length > 0 ? $"<p>{E(rest)}</p>" : "") + $"<ul>{evidence}</ul><p><small>Rule: {E(c.Rule)}.<br>Experiment: {E(c.ExperimentOnly)}" +
                         $"{(c.Timing ? "<br>Timing: depends on the machine and its load; left out of results.json." : "")}</small></p><p>Shown in {link}.</p></details></td></tr>\n");
            }
            b.Append("</table>\n");
        }
        b.Append("</section>\n");
    }

    /// <summary>The first sentence of an explanation and the rest ("0.5" and "e.g." do not end a sentence: only ". " before a capital does).</summary>
    private static (string First, string Remainder) FirstSentence(string text)
    {
        for (int i = 0; i + 2 < text.Length; i++)
            if (text[i] == '.' && text[i + 1] == ' ' && char.IsUpper(text[i + 2]))
                return (text[..(i + 1)], text[(i + 2)..]);
        return (text, "");
    }

    private static bool Charts(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"charts\"><h2>Key charts{E(scale)}</h2>\n");
        bool any = false;
        if (r.ReportRun is { Epochs.Count: > 0 } run)
        {
            var curves = new List<LossCurve>
            {
                new("the report: train loss (its §2.1 table)", r.Report.EpochLosses, Dashed: true),
                new("ours: train loss (epoch mean)", run.Epochs.Select(e => e.TrainLoss).ToList(), Epochs(run)),
                new("ours: frozen train MSE", run.Epochs.Select(e => e.FrozenTrainMse).ToList(), Epochs(run)),
                new("ours: frozen test MSE", run.Epochs.Select(e => e.FrozenTestMse).ToList(), Epochs(run)),
            };
            b.Append("<h3>The report's run (lr 1e-3, TorchSharp): our loss curves against the report's numbers</h3>\n");
            b.Append(LossCharts.Epochs($"The report's run (lr 1e-3){scale}: ours vs the report's table", curves).ToHtml()).Append('\n');
            any = true;
        }
        else b.Append("<p class=\"not-run\">The report's run has not been done in this study.</p>\n");

        if (r.ProposedRun is { Epochs.Count: > 0 } fix)
        {
            var predicted = r.Report.PredictedCurveLr1e4;
            var curves = new List<LossCurve>
            {
                new("ours: train loss (epoch mean)", fix.Epochs.Select(e => e.TrainLoss).ToList(), Epochs(fix)),
                new("ours: frozen test MSE", fix.Epochs.Select(e => e.FrozenTestMse).ToList(), Epochs(fix)),
                new("the report: predicted loss for lr 1e-4", predicted.Values.ToList(), predicted.Keys.Select(k => (double)k).ToList(), Dashed: true),
            };
            b.Append("<h3>The proposed fix (lr 1e-4, early stopping): frozen MSE against train loss, and the report's prediction</h3>\n");
            b.Append(LossCharts.Epochs($"Proposed fix (lr 1e-4){scale}: frozen test MSE vs train loss", curves,
                target: new ReferenceLine(r.Report.SuccessCriteriaLr1e4.Values.Min(), "the report's target MSE")).ToHtml()).Append('\n');
            any = true;
        }
        else b.Append("<p class=\"not-run\">The proposed fix has not been run in this study.</p>\n");

        var finished = r.Sweep.Where(p => p.FinalFrozenTestMse is { } v && double.IsFinite(v)).ToList();
        if (finished.Count > 0)
        {
            var rates = finished.Select(p => p.LearningRate).Distinct().OrderByDescending(x => x).ToList();
            var series = finished.Select(p => p.InitSeed).Distinct().Order().Select(seed => new BarSeries($"init seed {seed}",
                rates.Select(lr => finished.FirstOrDefault(p => p.LearningRate == lr && p.InitSeed == seed)?.FinalFrozenTestMse ?? double.NaN).ToList())).ToList();
            b.Append("<h3>Learning rate × init seed: the final frozen test MSE of every sweep point</h3>\n");
            b.Append(BarCharts.Grouped($"lr × seed sweep{scale}: final frozen test MSE", rates.Select(Rate).ToList(), series,
                new AxisLabel("learning rate"), new AxisLabel("final frozen test MSE", "squared target units"), logY: true).ToHtml()).Append('\n');
            any = true;
        }
        else b.Append("<p class=\"not-run\">The sweep has not been run in this study.</p>\n");
        b.Append("</section>\n");
        return any;
    }

    private static bool Prediction(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"prediction\"><h2>Convergence prediction{E(scale)}</h2>\n");
        if (r.Forecasts is not { Count: > 0 } forecasts)
        {
            b.Append("<p class=\"not-run\" data-status=\"not-forecast\">The proposed fix's convergence has not been forecast in this study (prediction/forecasts.json is absent).</p>\n</section>\n");
            return false;
        }
        b.Append("<p>The proposed fix's curves, fitted by the ensemble of learning-curve families (<code>freqlab predict</code>) and extrapolated with a bootstrap band, against the report's target; the report's own forecast for lr 1e-4 (its §6.1 predicted curve) is drawn beside ours.</p>\n");
        var predicted = r.Report.PredictedCurveLr1e4;
        foreach (var f in forecasts)
        {
            var reference = f.Metric == "train loss"
                ? new LossCurve("the report: predicted loss for lr 1e-4", predicted.Values.ToList(), predicted.Keys.Select(k => (double)k).ToList(), Dashed: true)
                : null;
            b.Append($"<h3>{E(f.Curve.Name)}: forecast to epoch {f.Options.Horizon}</h3>\n");
            b.Append(ForecastCharts.Band($"Proposed fix{scale}: {f.Metric} forecast", f.ToPrediction(), reference: reference).ToHtml()).Append('\n');
            b.Append($"<div class=\"forecast\" data-metric=\"{E(f.Metric)}\">");
            foreach (var finding in f.Findings) b.Append(finding.ToHtml());
            b.Append("</div>\n");
        }
        b.Append("</section>\n");
        return true;
    }

    private static bool LearnabilitySection(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"learnability\"><h2>What makes the task learnable{E(scale)}</h2>\n");
        if (r.Learnability is not { } m)
        {
            b.Append("<p class=\"not-run\" data-status=\"not-learnability\">The learnability matrix has not been run in this study.</p>\n</section>\n");
            return false;
        }
        var size = F($"{m.Settings.Spec.SampleCount * m.Settings.Spec.FrequencyCount} rows, H = {m.Settings.HiddenSize}, {m.Settings.Epochs} epoch(s), {m.Settings.Cells().Count} cells × {m.Settings.InitSeeds.Length} seed(s), engine {m.Settings.Engine}");
        b.Append(m.Settings.Label == LearnabilitySettings.Full.Label
            ? $"<p>The full matrix of <code>freqlab learnability</code> ({E(size)}); notebook 06 shows it cell by cell, notebook 07 the recipe.</p>\n"
            : $"<p>The small labelled matrix of <code>freqlab learnability</code> ({E(m.Settings.Label)}: {E(size)}) — its numbers are of that small task; the full matrix (the full study's) is the reference.</p>\n");
        b.Append(LearnabilityCharts.Matrix(m).ToHtml()).Append('\n');
        b.Append(m.VerdictTable().ToHtml()).Append('\n');
        b.Append(Learnability.LearnabilityFindings.Recommendation(m).ToHtml()).Append('\n');
        if (m.Recipe is { } recipe)
        {
            // The recipe and its ablation (notebook 07 shows them run by run); the headline above carries the recipe's finding.
            b.Append($"<h3 id=\"recipe\">The training recipe and its ablation{E(scale)}</h3>\n");
            b.Append(recipe.Table(m.Settings).ToHtml()).Append('\n');
            foreach (var finding in m.RecipeFindingsList()) b.Append(finding.ToHtml()).Append('\n');
        }
        b.Append("</section>\n");
        return true;
    }

    private static void Numbers(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"numbers\"><h2>The report's numbers beside ours{E(scale)}</h2>\n<table><tr><th>quantity</th><th>the report</th><th>ours</th><th>ours from</th></tr>\n");
        foreach (var c in r.Comparisons)
            b.Append($"<tr><td>{E(c.Quantity)}</td><td class=\"num\">{E(Number.Format(c.Report))}</td><td class=\"num\">{E(c.OursText)}</td><td>{E(c.Source)}</td></tr>\n");
        if (r.ReportRun is { } run && double.IsFinite(run.SecondsPerEpoch))
            b.Append($"<tr><td>seconds per epoch of the report's run (timing: differs between runs and machines)</td><td class=\"num\">{E(Number.Format(r.Report.SecondsPerEpoch))}</td><td class=\"num\">{E(Number.Format(run.SecondsPerEpoch))}</td><td>{E(run.Folder)} ({E(run.Engine)})</td></tr>\n");
        b.Append("</table>\n<h3>Baselines of notebook 01 (fitted on train, scored on test)</h3>\n<table><tr><th>baseline</th><th>test MSE</th><th>what it is</th></tr>\n");
        foreach (var x in r.Baselines)
            b.Append($"<tr><td>{E(x.Name)}</td><td class=\"num\">{E(Number.Format(x.Mse))}</td><td>{E(x.Note)}</td></tr>\n");
        b.Append("</table>\n</section>\n");
    }

    private static void Notebooks(StringBuilder b, ReproduceResults r, string scale)
    {
        b.Append($"<section id=\"notebooks\"><h2>Notebooks{E(scale)}</h2>\n<table><tr><th>notebook</th><th>status</th><th>findings shown</th></tr>\n");
        foreach (var n in r.Notebooks)
        {
            var name = n.Html is { } html ? $"<a href=\"{E(html)}\">{E(n.Title)}</a>" : E(n.Title);
            var status = !n.Executed ? "not executed" : n.Errors > 0 ? $"FAILED: {n.Errors} error output(s)" : $"executed, {n.CodeCellsRun} code cells, no error";
            var findings = n.Findings.Count == 0 ? "—" : string.Join(", ", n.Findings.GroupBy(f => f).Select(g => $"{g.Count()} {g.Key}"));
            b.Append($"<tr class=\"notebook\" data-errors=\"{n.Errors}\" data-executed=\"{(n.Executed ? "true" : "false")}\"><td>{name}<br><small>{E(n.Name)}</small></td><td>{E(status)}</td><td>{E(findings)}</td></tr>\n");
        }
        b.Append("</table>\n</section>\n");
    }

    private static void StageTable(StringBuilder b, ReproduceManifest manifest, IReadOnlyList<IReproduceStage> stages, string scale)
    {
        b.Append($"<section id=\"stages\"><h2>Stages and wall time{E(scale)}</h2>\n<table><tr><th>stage</th><th>status</th><th>wall time (CPU of the process meanwhile)</th><th>result</th></tr>\n");
        foreach (var s in stages)
        {
            var rec = manifest.Stage(s.Name);
            var status = rec is null ? "not run" : rec.Status == StageStatus.Reused ? "reused (done by an earlier invocation)" : rec.Status.ToString().ToLowerInvariant();
            var time = rec is null ? "—" : F($"{rec.Seconds:F1} s") + (rec.CpuSeconds is { } cpu ? F($" ({cpu:F0} CPU-s)") : "");
            b.Append($"<tr><td>{E(s.Title)}</td><td>{E(status)}</td><td class=\"num\">{time}</td><td>{E(rec?.Message ?? rec?.Summary ?? "")}</td></tr>\n");
        }
        b.Append("</table>\n</section>\n");
    }

    private static void Config(StringBuilder b, ReproduceResults r, StudyEnvironment env, ReproduceOptions options, string scale)
    {
        var p = options.Profile;
        var rows = new List<(string, string)>
        {
            ("profile", p.Name + (p.IsReduced ? " (reduced scale)" : " (the report's scale)")),
            ("data", F($"{p.SignalSeconds:0.##} s per frequency at 1000 Hz, frequencies 1, 3, 5, 7 Hz; train seed {ReproduceContext.TrainSeed}, test seed {ReproduceContext.TestSeed}; blocks order")),
            ("the report's run", F($"TorchSharp, Adam lr 1e-3, {p.ReportRunEpochs} epochs, H = 64, clip 1.0, state reset per epoch")),
            ("the proposed fix", F($"{options.Engine}, Adam lr 1e-4, up to {p.ProposedEpochs} epochs, early stopping patience {p.ProposedPatience}, min_delta 1e-4")),
            ("the sweep", F($"{options.Engine}, lr {string.Join(", ", p.SweepLearningRates.Select(Rate))} × init seed {string.Join(", ", p.SweepSeeds)}, {p.SweepEpochs} epochs each, {options.Jobs} at once")),
            ("notebooks", p.NotebooksQuick ? "quick mode" : "full mode"),
            ("CPU", $"{env.Cpu}; {env.Cores} cores; {env.Isa}"),
            ("OS / runtime", $"{env.OS}; {env.Runtime}"),
            ("libtorch", env.LibTorch ?? "unknown"),
            ("plotly.js (inlined)", env.PlotlyJs),
        };
        rows.AddRange(env.Versions.Select(v => (v.Key, v.Value)));
        b.Append($"<section id=\"config\"><h2>Configuration and software{E(scale)}</h2>\n<table>\n");
        foreach (var (k, v) in rows) b.Append($"<tr><th>{E(k)}</th><td>{E(v)}</td></tr>\n");
        b.Append("</table>\n<p>Results agree across x86-64 CPUs to float32 rounding (the engines are checked against a double-precision reference), not bit for bit.</p>\n</section>\n");
    }

    private static List<double> Epochs(RunSummary run) => run.Epochs.Select(e => (double)e.Epoch).ToList();

    private static string Rate(double lr) => lr.ToString("0.###e+0", CultureInfo.InvariantCulture).Replace("e+", "e", StringComparison.Ordinal);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private const string Css = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1f2328; }
        main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
        h1 { font-size: 1.7em; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 0.92em; }
        th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
        td.num { text-align: right; font-family: monospace; }
        .banner { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; }
        .not-run { color: #9a6700; font-style: italic; }
        .verdict.supported { color: #1a7f37; font-weight: bold; } .verdict.contradicted { color: #cf222e; font-weight: bold; }
        .verdict.inconclusive { color: #9a6700; font-weight: bold; }
        .chip { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 0.8em; text-transform: uppercase; white-space: nowrap; background: #9a6700; }
        .chip.supported { background: #1a7f37; } .chip.contradicted { background: #cf222e; }
        .conclusion { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
        .headline { margin: 0 0 10px; font-size: 0.92em; } .headline p { margin: 3px 0; }
        .headline details, td details { font-size: 0.9em; color: #444; }
        .scale { background: #f6f8fa; border: 1px solid #d0d7de; padding: 6px 12px; font-size: 0.92em; }
        table.claims td:first-child { white-space: nowrap; }
        .freqlab-chart { width: 100%; min-height: 420px; }
        nav { margin: 8px 0 16px; }
        """;
}
