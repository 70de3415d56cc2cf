using System.Text.Json;

namespace FrequencyLab.Reproduce;

/// <summary>One piece of evidence of a ledger claim.</summary>
public sealed record LedgerEvidenceItem(string Name, string Value, string Unit);

/// <summary>One claim of the ledger's claims.json (written by the claims stage), as the page shows it.</summary>
/// <param name="Id">The claim's id, e.g. "H1".</param>
/// <param name="Section">Where it stands in the report.</param>
/// <param name="Quote">The report's words.</param>
/// <param name="Verdict">"supported", "contradicted" or "inconclusive".</param>
/// <param name="Rule">The rule that turned the measurements into the verdict.</param>
/// <param name="Explanation">The verdict's explanation, computed from the numbers.</param>
/// <param name="Experiment">What was run to measure it.</param>
/// <param name="Evidence">The measurements.</param>
/// <param name="Notebook">The notebook section that shows the claim: claims.json's optional "notebook" field
/// ("02-divergence-diagnosis.ipynb#3-h1--the-learning-rate-is-too-high", from data/report-claims.json), turned by
/// <see cref="LinkedTo"/> into the study's page of that notebook ("notebooks/02-divergence-diagnosis.html#…"), or null.</param>
/// <param name="Timing">A claim about wall time (claims.json's "timing": true): machine-dependent, left out of results.json.</param>
/// <param name="Question">The question its rule answers (claims.json's "question"; null in files written before it).</param>
public sealed record LedgerClaim(string Id, string Section, string Quote, string Verdict, string Rule, string Explanation,
    string Experiment, IReadOnlyList<LedgerEvidenceItem> Evidence, string? Notebook, bool Timing = false, string? Question = null)
{
    /// <summary>The ledger's scale, which claims.json writes in brackets before every experiment ("[STUDY MODE: …] …"), or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Scale => Experiment.StartsWith('[') && Experiment.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end ? Experiment[1..end] : null;

    /// <summary>The experiment without the scale prefix (the page states the scale once).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ExperimentOnly => Scale is { } scale ? Experiment[(scale.Length + 3)..] : Experiment;

    /// <summary>Reads claims.json: <c>{"claims": [{"id", "section", "quote", "experiment", "rule", "verdict", "evidence":
    /// [{"name", "value", "unit", …}], "explanation"}]}</c>. Throws <see cref="DataFileException"/> naming the problem
    /// for a file that is not that shape.</summary>
    public static IReadOnlyList<LedgerClaim> Read(string path)
    {
        const string what = "claims ledger";
        using var doc = IO.JsonFile.ReadDocument(path, what);
        return IO.JsonFile.Use(doc, path, what, root =>
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var list) || list.ValueKind != JsonValueKind.Array)
                throw IO.JsonFile.Invalid(path, what, "$.claims: not an array");
            var claims = new List<LedgerClaim>();
            int i = 0;
            foreach (var c in list.EnumerateArray())
            {
                if (c.ValueKind != JsonValueKind.Object) throw IO.JsonFile.Invalid(path, what, $"$.claims[{i}]: not an object");
                var evidence = new List<LedgerEvidenceItem>();
                if (c.TryGetProperty("evidence", out var ev) && ev.ValueKind == JsonValueKind.Array)
                    foreach (var e in ev.EnumerateArray())
                    {
                        if (e.ValueKind != JsonValueKind.Object) throw IO.JsonFile.Invalid(path, what, $"$.claims[{i}].evidence: an item is not an object");
                        evidence.Add(new LedgerEvidenceItem(Text(e, "name"), ValueText(e), Text(e, "unit")));
                    }
                claims.Add(new LedgerClaim(Text(c, "id"), Text(c, "section"), Text(c, "quote"), Text(c, "verdict"), Text(c, "rule"),
                    Text(c, "explanation"), Text(c, "experiment"), evidence, c.TryGetProperty("notebook", out var nb) && nb.ValueKind == JsonValueKind.String ? nb.GetString() : null,
                    c.TryGetProperty("timing", out var t) && t.ValueKind == JsonValueKind.True,
                    c.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null));
                i++;
            }
            return claims;
        });
    }

    /// <summary>This claim with its notebook reference pointing at the study's executed page of that notebook (the heading
    /// anchor kept), or null when the study has no page of it; a reference that is already a link is kept.</summary>
    public LedgerClaim LinkedTo(IReadOnlyList<NotebookSummary> notebooks)
    {
        if (Notebook is null) return this;
        var hash = Notebook.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? Notebook : Notebook[..hash];
        if (!file.EndsWith(".ipynb", StringComparison.Ordinal)) return this;
        var html = notebooks.FirstOrDefault(n => n.Name == Path.GetFileName(file))?.Html;
        return this with { Notebook = html is null ? null : html + (hash < 0 ? "" : Notebook[hash..]) };
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.ToString() : "";

    private static string ValueText(JsonElement e)
    {
        if (!e.TryGetProperty("value", out var v)) return "";
        var text = v.ValueKind == JsonValueKind.Number ? Findings.Number.Format(v.GetDouble()) : v.ToString();
        if (e.TryGetProperty("lower", out var lo) && lo.ValueKind == JsonValueKind.Number && e.TryGetProperty("upper", out var hi) && hi.ValueKind == JsonValueKind.Number)
            text += $" [{Findings.Number.Format(lo.GetDouble())}, {Findings.Number.Format(hi.GetDouble())}]";
        return text;
    }
}
