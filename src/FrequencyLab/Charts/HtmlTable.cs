using System.Net;
using System.Text;

namespace FrequencyLab.Charts;

/// <summary>A plain HTML table of text cells for notebook outputs (the first rows of a dataset, a validation section).</summary>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class HtmlTable : IHtmlDisplayable
{
    /// <param name="columns">Header cells.</param>
    /// <param name="rows">Body rows, each with one cell per column.</param>
    /// <param name="caption">Optional caption above the table.</param>
    public HtmlTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        Rows = rows.ToList();
        Caption = caption;
        for (int r = 0; r < Rows.Count; r++)
            if (Rows[r].Count != Columns.Count)
                throw new ArgumentException($"table row {r} has {Rows[r].Count} cells for {Columns.Count} columns");
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }
    public string? Caption { get; }

    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"freqlab-table\" style=\"border-collapse:collapse;font-size:90%\">");
        if (Caption is not null) sb.Append("<caption style=\"text-align:left;font-weight:bold\">").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var c in Columns) sb.Append("<th style=\"border-bottom:1px solid #999;padding:2px 8px;text-align:left\">").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td style=\"padding:2px 8px\">").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>Aligned plain text, for logs and plain-text outputs.</summary>
    public override string ToString()
    {
        var all = new[] { Columns }.Concat(Rows).ToList();
        var widths = Columns.Select((_, j) => all.Max(r => r[j].Length)).ToArray();
        return string.Join("\n", all.Select(r => string.Join("  ", r.Select((c, j) => c.PadRight(widths[j]))).TrimEnd()));
    }
}
