using System.Text.Json;
using System.Text.RegularExpressions;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>Reads what a study's index.html holds: its charts' figures and marked elements.</summary>
internal static partial class StudyPage
{
    /// <summary>Every chart's plotly.js figure, as the page's scripts draw it.</summary>
    public static IReadOnlyList<JsonElement> Figures(string html) =>
        FigureLine().Matches(html).Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone()).ToList();

    /// <summary>Finite y values over all traces of a figure.</summary>
    public static int FinitePoints(JsonElement figure) => figure.GetProperty("data").EnumerateArray()
        .Where(t => t.TryGetProperty("y", out _))
        .Sum(t => t.GetProperty("y").EnumerateArray().Count(v => v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble())));

    /// <summary>The ledger's rows: each claim's verdict attribute and its evidence cell's text.</summary>
    public static IReadOnlyList<(string Verdict, string Evidence)> ClaimRows(string html) =>
        ClaimRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    public static int Count(string html, string text) => Regex.Matches(html, Regex.Escape(text)).Count;

    /// <summary>Each ledger row's claim id and verdict attribute.</summary>
    public static IReadOnlyDictionary<string, string> ClaimVerdicts(string html) =>
        ClaimId().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    /// <summary>Each headline's id and verdict attribute, in page order.</summary>
    public static IReadOnlyList<(string Id, string Verdict)> Headlines(string html) =>
        HeadlineRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex(@"<tr class=""claim"" id=""claim-[^""]*"" data-verdict=""([a-z]*)""><td>.*?</td><td>.*?</td><td><span class=""chip [a-z]*"">[a-z]*</span></td><td>(.*?)</td></tr>")]
    private static partial Regex ClaimRow();

    [GeneratedRegex(@"<tr class=""claim"" id=""claim-([^""]*)"" data-verdict=""([a-z]*)"">")]
    private static partial Regex ClaimId();

    [GeneratedRegex(@"<div class=""headline"" id=""headline-([^""]*)"" data-verdict=""([a-z]*)"">")]
    private static partial Regex HeadlineRow();

    [GeneratedRegex(@"var figure = (\{.*\});\r?\n")]
    private static partial Regex FigureLine();
}
