using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Charts;

/// <summary>A <see cref="DataFrame"/> as an HTML table: a header of column names, the first and last rows, and a size caption.</summary>
public static class DataFrameHtml
{
    /// <summary>
    /// Renders <paramref name="frame"/>; when it has more than 2 × <paramref name="edgeRows"/> rows, only the first and last
    /// <paramref name="edgeRows"/> appear, separated by a row saying how many were left out.
    /// </summary>
    public static string Render(DataFrame frame, int edgeRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(edgeRows);
        long rows = frame.Rows.Count;
        int columns = frame.Columns.Count;
        var sb = new StringBuilder();
        sb.Append("<table class=\"dataframe\">");
        sb.Append(CultureInfo.InvariantCulture, $"<caption>{rows} rows × {columns} columns</caption>");
        sb.Append("<thead><tr><th></th>");
        foreach (var column in frame.Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        bool elide = rows > 2L * edgeRows;
        for (long r = 0; r < rows; r++)
        {
            if (elide && r == edgeRows)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"elided\"><td colspan=\"{columns + 1}\">… {rows - 2L * edgeRows} more rows …</td></tr>");
                r = rows - edgeRows - 1;
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{r}</th>");
            foreach (var column in frame.Columns) sb.Append("<td>").Append(Cell(column[r])).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "<i>null</i>",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => WebUtility.HtmlEncode(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => WebUtility.HtmlEncode(value.ToString() ?? ""),
    };
}
