using System.Text.Json;

namespace FrequencyLab.Bench;

/// <summary>
/// The one JSON line scripts/bench_pytorch.py prints last: {"torch": "2.x", "threads": 1, "steps": N, "seconds": s,
/// "cpu_seconds": s, "peak_rss_bytes": B, …}. Reading it is total: anything else the script printed — no line, not JSON,
/// a missing or mistyped field, a negative or non-finite time — is one <see cref="FrequencyLabException"/> naming the
/// script and what was wrong, never a crash.
/// </summary>
/// <param name="Torch">torch.__version__.</param>
/// <param name="Threads">torch.get_num_threads() (≥ 1).</param>
/// <param name="Steps">Timed steps (≥ 1).</param>
/// <param name="Seconds">Wall seconds of the timed steps (&gt; 0).</param>
/// <param name="CpuSeconds">CPU seconds of the timed steps (&gt; 0).</param>
/// <param name="PeakRssBytes">Peak resident set (≥ 0).</param>
public sealed record PyTorchResult(string Torch, int Threads, long Steps, double Seconds, double CpuSeconds, long PeakRssBytes)
{
    /// <summary>Reads the last non-empty line of <paramref name="stdout"/>.</summary>
    /// <exception cref="FrequencyLabException">The output is not the expected line.</exception>
    public static PyTorchResult Parse(string stdout, bool truncated, string script)
    {
        FrequencyLabException Bad(string problem) =>
            new($"{script}: printed {problem}, not the bench result (one JSON line with torch, threads, steps, seconds, cpu_seconds, peak_rss_bytes)");
        if (truncated) throw Bad($"more than {ChildProcess.MaxOutputChars:N0} characters");
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null) throw Bad("nothing");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException) { throw Bad($"\"{Quote(line)}\""); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            JsonElement Field(string field, JsonValueKind kind)
            {
                if (!root.TryGetProperty(field, out var v)) throw Bad($"a line without \"{field}\"");
                if (v.ValueKind != kind) throw Bad($"\"{field}\" as {v.ValueKind.ToString().ToLowerInvariant()} (expected {kind.ToString().ToLowerInvariant()})");
                return v;
            }
            long Integer(string field, long min)
            {
                var v = Field(field, JsonValueKind.Number);
                if (!v.TryGetInt64(out long n) || n < min) throw Bad($"\"{field}\": {Quote(v.GetRawText())} (expected an integer ≥ {min})");
                return n;
            }
            double Positive(string field)
            {
                var v = Field(field, JsonValueKind.Number);
                if (!v.TryGetDouble(out double d) || !(d > 0) || !double.IsFinite(d)) throw Bad($"\"{field}\": {Quote(v.GetRawText())} (expected a positive number)");
                return d;
            }
            var torch = Field("torch", JsonValueKind.String).GetString()!;
            long threads = Integer("threads", 1);
            if (threads > int.MaxValue) throw Bad($"\"threads\": {threads}");
            return new PyTorchResult(Quote(torch), (int)threads, Integer("steps", 1), Positive("seconds"), Positive("cpu_seconds"), Integer("peak_rss_bytes", 0));
        }
    }

    private static string Quote(string s) => s.Length <= 80 ? s : s[..77] + "…";
}
