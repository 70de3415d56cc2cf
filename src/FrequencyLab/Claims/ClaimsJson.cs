using System.Text;
using System.Text.Json;
using FrequencyLab.IO;

namespace FrequencyLab.Claims;

/// <summary>
/// claims.json: <c>{"claims": [{"id", "question", "section", "quote", "quantity", "experiment", "rule", "verdict", "evidence", "explanation", "notebook"?, "timing"?}, …]}</c>.
/// Evidence is a list of <c>{"name", "value", "unit", "lower", "upper", "interval"}</c>; a non-finite value is the string "NaN",
/// "Infinity" or "-Infinity". The experiment text starts with the ledger's scale in brackets (quick mode is labelled there).
/// </summary>
public static class ClaimsJson
{
    public const string FileName = "claims.json";

    public static string Serialize(IReadOnlyList<ClaimVerdict> verdicts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("claims");
            foreach (var v in verdicts)
            {
                w.WriteStartObject();
                w.WriteString("id", v.Claim.Id);
                w.WriteString("question", v.Finding.Question);
                w.WriteString("section", v.Claim.Section);
                w.WriteString("quote", v.Claim.Quote);
                w.WriteString("quantity", v.Claim.Quantity);
                w.WriteString("experiment", v.ExperimentText);
                w.WriteString("rule", v.Finding.Rule);
                w.WriteString("verdict", v.Finding.VerdictText);
                w.WriteStartArray("evidence");
                foreach (var m in v.Finding.Measurements)
                {
                    w.WriteStartObject();
                    w.WriteString("name", m.Name);
                    Number(w, "value", m.Value);
                    w.WriteString("unit", m.Unit);
                    if (m.Lower is double lo) Number(w, "lower", lo); else w.WriteNull("lower");
                    if (m.Upper is double hi) Number(w, "upper", hi); else w.WriteNull("upper");
                    if (m.IntervalLabel is { } label) w.WriteString("interval", label); else w.WriteNull("interval");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteString("explanation", v.Finding.Explanation);
                if (v.Claim.Notebook is { } notebook) w.WriteString("notebook", notebook);
                if (v.Claim.Timing) w.WriteBoolean("timing", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes <c>folder/claims.json</c> atomically (an interrupted write leaves the previous file).</summary>
    public static string Write(string folder, IReadOnlyList<ClaimVerdict> verdicts)
    {
        var path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Serialize(verdicts));
        return path;
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
