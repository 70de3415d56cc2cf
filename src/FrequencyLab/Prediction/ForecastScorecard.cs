using System.Net;
using System.Text;
using FrequencyLab.Findings;
using FrequencyLab.Charts;

namespace FrequencyLab.Prediction;

/// <summary>
/// Every convergence claim of the report scored against one run (and its forecast beyond the run): one
/// <see cref="Finding"/> per claim, shown as one table (verdict, the report's words, the explanation).
/// </summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class ForecastScorecard : IHtmlDisplayable
{
    public string Title { get; }
    /// <summary>The run the claims were scored against.</summary>
    public string RunName { get; }
    public IReadOnlyList<Finding> Findings { get; }

    private ForecastScorecard(string runName, IReadOnlyList<Finding> findings) =>
        (Title, RunName, Findings) = ($"The report's forecast against {runName}", runName, findings);

    /// <summary>§6.3 epochs-to-target, §6.1 predicted curve, §5.2 success criteria, §8.1 P(MSE &lt; 0.01 within 100 epochs).</summary>
    public static ForecastScorecard Score(ReportForecast report, LearningCurve run, ConvergencePrediction forecast)
    {
        var findings = new List<Finding>();
        findings.AddRange(report.EpochsToTarget.Select(c => ForecastFindings.EpochsToTarget(c, run, forecast)));
        findings.AddRange(report.PredictedCurve.Select(p => ForecastFindings.PredictedValue(p.Epoch, p.Value, run, forecast)));
        findings.AddRange(report.SuccessCriteria.Select(s => ForecastFindings.SuccessCriterion(s.Epoch, s.Below, run, forecast)));
        findings.Add(ForecastFindings.SuccessProbability(report.SuccessProbabilityWithin100, 0.01, 100, run, forecast));
        return new ForecastScorecard(run.Name, findings);
    }

    /// <summary>How many findings have <paramref name="verdict"/>.</summary>
    public int Count(Verdict verdict) => Findings.Count(f => f.Verdict == verdict);

    /// <summary>One finding summarising the card: "Does the report's forecast describe this run?".</summary>
    public Finding Summary()
    {
        int s = Count(Verdict.Supported), c = Count(Verdict.Contradicted), i = Count(Verdict.Inconclusive);
        var verdict = c > s + i ? Verdict.Contradicted : s > c + i ? Verdict.Supported : Verdict.Inconclusive;
        return new Finding($"Does the report's convergence forecast describe {RunName}?", verdict,
            $"Of {Findings.Count} forecast claims, {s} supported, {c} contradicted and {i} inconclusive by this run and its extrapolation.",
            "contradicted when contradicted claims outnumber the rest, supported when supported ones do, inconclusive otherwise",
            [new("supported", s), new("contradicted", c), new("inconclusive", i)], "§5.2, §6.1, §6.3, §8.1 forecasts at lr 1e-4");
    }

    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder($"<table class=\"freqlab-table\" style=\"border-collapse:collapse;font-size:90%\"><caption style=\"text-align:left;font-weight:bold\">{E(Title)}</caption>");
        html.Append("<thead><tr><th style=\"text-align:left;padding:2px 8px\">verdict</th><th style=\"text-align:left;padding:2px 8px\">report</th><th style=\"text-align:left;padding:2px 8px\">measured</th></tr></thead><tbody>");
        foreach (var f in Findings)
        {
            var colour = f.Verdict switch { Verdict.Supported => "#1a7f37", Verdict.Contradicted => "#cf222e", _ => "#9a6700" };
            html.Append($"<tr><td style=\"padding:2px 8px;color:{colour};font-weight:bold\">{E(f.VerdictText)}</td>");
            html.Append($"<td style=\"padding:2px 8px\">{E((f.Source is null ? "" : f.Source + ": ") + (f.Claim ?? f.Question))}</td>");
            html.Append($"<td style=\"padding:2px 8px\">{E(f.Explanation)}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    public override string ToString() => string.Join(Environment.NewLine, Findings.Select(f => f.ToString()));
}
