using System.Text.Json;

namespace FrequencyLab.Claims;

/// <summary>
/// Reads the claims file (<c>data/report-claims.json</c>, also embedded in this assembly). A file that is not JSON, is
/// truncated, is some other JSON document, or names a claim no judge knows is refused with one line naming the problem.
/// </summary>
public static class ReportClaims
{
    /// <summary>The "kind" a claims file declares, so a foreign JSON file is not mistaken for one.</summary>
    public const string Kind = "frequencylab-report-claims";
    public const int SchemaVersion = 1;
    private const string ResourceName = "FrequencyLab.report-claims.json";

    /// <summary>The claims file shipped with this build.</summary>
    public static IReadOnlyList<ReportClaim> Embedded()
    {
        using var stream = typeof(ReportClaims).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new FrequencyLabException($"the embedded claims file {ResourceName} is missing from this build");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded report-claims.json");
    }

    /// <summary>Reads and checks a claims file.</summary>
    public static IReadOnlyList<ReportClaim> Load(string path)
    {
        return Parse(IO.JsonFile.ReadBytes(path, "claims file"), path);
    }

    /// <summary>Parses and checks claims JSON; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ReportClaim> Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), source);
    }

    private static IReadOnlyList<ReportClaim> Parse(byte[] utf8, string source)
    {
        JsonDocument doc;
        try { doc = IO.JsonFile.ParseDocument(utf8, source, "claims file"); }
        catch (DataFileException e) { throw new FrequencyLabException($"{e.FilePath}: not a claims file (invalid JSON: {e.Problem})"); }
        source = IO.JsonFile.Printable(source);
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || kind.GetString() != Kind)
                throw new FrequencyLabException($"{source}: not a claims file (no \"kind\": \"{Kind}\")");
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SchemaVersion)
                throw new FrequencyLabException($"{source}: unsupported claims schema version (expected {SchemaVersion})");
            if (!root.TryGetProperty("claims", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new FrequencyLabException($"{source}: no \"claims\" array");
            var claims = new List<ReportClaim>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) throw new FrequencyLabException($"{source}: claim {index} is not a JSON object");
                string Field(string name) =>
                    item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                        ? s : throw new FrequencyLabException($"{source}: claim {index} has no \"{name}\" text");
                string? notebook = null;
                if (item.TryGetProperty("notebook", out var nb))
                {
                    notebook = nb.ValueKind == JsonValueKind.String && nb.GetString() is { Length: > 0 } n && n.Contains(".ipynb", StringComparison.Ordinal)
                        ? n : throw new FrequencyLabException($"{source}: claim {index} has a \"notebook\" that is not \"NN-name.ipynb#anchor\"");
                }
                bool timing = item.TryGetProperty("timing", out var t) && (t.ValueKind == JsonValueKind.True
                    || (t.ValueKind != JsonValueKind.False ? throw new FrequencyLabException($"{source}: claim {index} has a \"timing\" that is not true or false") : false));
                var claim = new ReportClaim(Field("id"), Field("section"), Field("quote"), Field("quantity"), Field("experiment"), Field("rule"), notebook, timing);
                if (!seen.Add(claim.Id)) throw new FrequencyLabException($"{source}: claim {IO.JsonFile.Printable(claim.Id)} is given twice");
                if (!ClaimJudges.Knows(claim.Id)) throw new FrequencyLabException($"{source}: claim {IO.JsonFile.Printable(claim.Id)} has no rule in this version of freqlab");
                claims.Add(claim);
                index++;
            }
            return claims;
        }
    }
}
