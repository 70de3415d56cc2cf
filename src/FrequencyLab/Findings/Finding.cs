using System.Net;
using System.Text;
using FrequencyLab.Charts;

namespace FrequencyLab.Findings;

/// <summary>
/// A verdict sentence backed by its evidence: the question asked, what was measured, the explicit rule that turns the
/// measurements into a verdict, and an explanation generated from the numbers. Notebooks display findings instead of
/// building prose; the claims ledger collects the same objects, so a notebook and <c>claims.json</c> cannot disagree.
/// </summary>
/// <param name="Question">The question, e.g. "Does S(t) carry the clean sinusoid?".</param>
/// <param name="Verdict">The rule's outcome.</param>
/// <param name="Explanation">One or two sentences computed from the measurements (never typed with a number in it).</param>
/// <param name="Rule">The decision rule in words, e.g. "contradicted when no |r| exceeds 3/√N".</param>
/// <param name="Measurements">The measured quantities the rule used.</param>
/// <param name="Claim">The report's words this finding tests, when it tests one.</param>
/// <param name="Source">Where the claim stands in the report, e.g. "§2.2 H1".</param>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed record Finding(
    string Question,
    Verdict Verdict,
    string Explanation,
    string Rule,
    IReadOnlyList<Measurement> Measurements,
    string? Claim = null,
    string? Source = null) : IHtmlDisplayable
{
    /// <summary>The verdict as a word, as tables and JSON show it.</summary>
    public string VerdictText => VerdictWord(Verdict);

    /// <summary>"supported", "contradicted" or "inconclusive".</summary>
    public static string VerdictWord(Verdict verdict) => verdict switch
    {
        Verdict.Supported => "supported",
        Verdict.Contradicted => "contradicted",
        _ => "inconclusive",
    };

    /// <summary>A boxed verdict: badge, question, the report's words, the explanation, the measurements and the rule.</summary>
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var colour = Verdict switch { Verdict.Supported => "#1a7f37", Verdict.Contradicted => "#cf222e", _ => "#9a6700" };
        var html = new StringBuilder();
        html.Append($"<div class=\"freqlab-finding\" data-verdict=\"{VerdictText}\" style=\"border-left:4px solid {colour};padding:6px 12px;margin:8px 0;font-family:sans-serif\">");
        html.Append($"<div><span style=\"background:{colour};color:#fff;border-radius:3px;padding:1px 6px;font-size:85%;text-transform:uppercase\">{E(VerdictText)}</span> ");
        html.Append($"<strong>{E(Question)}</strong></div>");
        if (Claim is not null)
            html.Append($"<div style=\"color:#555;margin-top:4px\">Report{(Source is null ? "" : " (" + E(Source) + ")")}: <em>“{E(Claim)}”</em></div>");
        html.Append($"<p style=\"margin:6px 0\">{E(Explanation)}</p>");
        if (Measurements.Count > 0)
        {
            html.Append("<table style=\"font-size:90%;border-collapse:collapse\">");
            foreach (var m in Measurements)
                html.Append($"<tr><td style=\"padding:1px 12px 1px 0\">{E(m.Name)}</td><td style=\"font-family:monospace\">{E(m.Display())}</td></tr>");
            html.Append("</table>");
        }
        html.Append($"<div style=\"color:#555;font-size:85%;margin-top:4px\">Rule: {E(Rule)}</div></div>");
        return html.ToString();
    }

    /// <summary>Plain text, for the terminal and logs.</summary>
    public override string ToString() =>
        $"[{VerdictText}] {Question} {Explanation} (rule: {Rule}; " + string.Join("; ", Measurements.Select(m => m.ToString())) + ")";
}
