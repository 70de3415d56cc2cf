using System.Globalization;
using System.Text;

namespace FrequencyLab.Validation;

/// <summary>
/// One section of a <see cref="ValidationReport"/> pivoted for reading: one line per (metric, dataset), the value
/// over all frequencies in "all" and each per-frequency value in its own column, then the reference and the note.
/// Cells are text, numbers formatted with <see cref="Format"/>; renderers (Spectre.Console, HTML) only lay them out.
/// </summary>
public sealed record ValidationTable(string Section, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows)
{
    /// <summary>Pivots the rows of one section; <paramref name="frequencies"/> gives the per-frequency columns in order.</summary>
    public static ValidationTable Pivot(string section, IEnumerable<ValidationRow> rows, IReadOnlyList<double> frequencies)
    {
        var mine = rows.Where(r => r.Section == section).ToList();
        bool anyAll = mine.Any(r => r.FrequencyHz is null);
        var perFrequency = frequencies.Where(f => mine.Any(r => r.FrequencyHz == f)).ToList();
        var columns = new List<string> { "metric", "dataset" };
        if (anyAll) columns.Add(perFrequency.Count > 0 ? "all" : "value");
        columns.AddRange(perFrequency.Select(f => $"{Format(f)} Hz"));
        columns.Add("reference");
        columns.Add("note");

        var lines = new List<string[]>();
        foreach (var key in mine.Select(r => (r.Metric, r.Dataset)).Distinct())
        {
            var group = mine.Where(r => r.Metric == key.Metric && r.Dataset == key.Dataset).ToList();
            var line = new List<string> { key.Metric, key.Dataset };
            if (anyAll) line.Add(group.FirstOrDefault(r => r.FrequencyHz is null) is { } all ? Format(all.Value) : "");
            foreach (var f in perFrequency)
                line.Add(group.FirstOrDefault(r => r.FrequencyHz == f) is { } cell ? Format(cell.Value) : "");
            var reference = group.FirstOrDefault(r => r.FrequencyHz is null && r.Reference is not null) ?? group.FirstOrDefault(r => r.Reference is not null);
            line.Add(reference?.Reference is { } v ? Format(v) : "");
            line.Add(group.Select(r => r.Note).FirstOrDefault(n => n.Length > 0) ?? "");
            lines.Add([.. line]);
        }
        return new ValidationTable(section, columns, lines);
    }

    /// <summary>Five significant digits, invariant culture; integers up to 10⁹ in full.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        if (value == Math.Round(value) && Math.Abs(value) < 1e9) return value.ToString("0", CultureInfo.InvariantCulture);
        return value.ToString("G5", CultureInfo.InvariantCulture);
    }

    /// <summary>The table as aligned plain text (for logs and tests; the CLI draws it with Spectre.Console).</summary>
    public string ToText()
    {
        var widths = Columns.Select((c, j) => Math.Max(c.Length, Rows.Select(r => r[j].Length).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(Section);
        sb.AppendLine(string.Join("  ", Columns.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
        foreach (var r in Rows) sb.AppendLine(string.Join("  ", r.Select((c, j) => c.PadRight(widths[j]))).TrimEnd());
        return sb.ToString();
    }
}
