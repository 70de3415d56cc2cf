using System.Net;
using System.Text;
using FrequencyLab.Charts;

namespace FrequencyLab.Notebooks;

/// <summary>
/// A notebook as one standalone HTML page, in the spirit of nbconvert's HTML export: markdown rendered, code cells with their
/// In [n] prompt and source, outputs below (HTML outputs live, text in &lt;pre&gt;, errors in red). When any output is a
/// Plotly chart, plotly.js is inlined once (in the head, unless an output already carries it), so the page needs no network.
/// </summary>
public static class NotebookHtml
{
    public static string Render(NotebookDocument notebook)
    {
        var body = new StringBuilder();
        bool needsPlotly = false;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.Type)
            {
                case CellType.Markdown:
                    body.Append("<section class=\"cell markdown\">\n").Append(MarkdownRenderer.CellToHtml(cell.Source)).Append("</section>\n");
                    break;
                case CellType.Raw:
                    body.Append("<section class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></section>\n");
                    break;
                default:
                    var prompt = cell.ExecutionCount is { } n ? $"In [{n}]:" : "In [ ]:";
                    body.Append("<section class=\"cell code\">\n<div class=\"input\"><div class=\"prompt\">").Append(prompt)
                        .Append("</div><pre class=\"source\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></div>\n");
                    foreach (var output in cell.Outputs) needsPlotly |= RenderOutput(output, body);
                    body.Append("</section>\n");
                    break;
            }
        }
        var title = notebook.Cells.Where(c => c.Type == CellType.Markdown)
            .SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? "Notebook";
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        page.Append("<style>\n").Append(Css).Append("</style>\n");
        // "</script" inside the inlined library would end the script element early.
        // Chart outputs (ChartFormatterSource) carry plotly.js themselves (before the first chart); then the head needs no second copy.
        if (needsPlotly && !body.ToString().Contains(Charts.PlotlyJs.InlineMarker, StringComparison.Ordinal)) page.Append(Charts.PlotlyJs.InlineScript()).Append('\n');
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Appends one output; returns whether it draws a Plotly chart.</summary>
    private static bool RenderOutput(CellOutput output, StringBuilder body)
    {
        switch (output)
        {
            case StreamOutput s:
                body.Append($"<div class=\"output stream {s.Name}\"><pre>").Append(WebUtility.HtmlEncode(s.Text)).Append("</pre></div>\n");
                return false;
            case ErrorOutput e:
                body.Append("<div class=\"output error\"><pre>").Append(WebUtility.HtmlEncode($"{e.Name}: {e.Value}"));
                foreach (var line in e.Traceback.Skip(1)) body.Append('\n').Append(WebUtility.HtmlEncode(line));
                body.Append("</pre></div>\n");
                return false;
            case DisplayDataOutput d:
                return RenderBundle(d.Data, null, body);
            case ExecuteResultOutput r:
                return RenderBundle(r.Data, r.ExecutionCount, body);
            default:
                return false;
        }
    }

    private static bool RenderBundle(IReadOnlyDictionary<string, string> data, int? executionCount, StringBuilder body)
    {
        var prompt = executionCount is { } n ? $"<div class=\"prompt\">Out[{n}]:</div>" : "";
        if (data.TryGetValue(MimeTypes.Html, out var html))
        {
            body.Append("<div class=\"output html\">").Append(prompt).Append("<div class=\"content\">").Append(html).Append("</div></div>\n");
            return html.Contains("Plotly.", StringComparison.Ordinal);
        }
        if (data.TryGetValue(MimeTypes.PlainText, out var text))
            body.Append("<div class=\"output text\">").Append(prompt).Append("<pre>").Append(WebUtility.HtmlEncode(text)).Append("</pre></div>\n");
        else
            body.Append("<div class=\"output text\">").Append(prompt).Append("<pre>[")
                .Append(WebUtility.HtmlEncode(string.Join(", ", data.Keys))).Append(" output]</pre></div>\n");
        return false;
    }

    private const string Css = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px; }
        .cell { margin: 14px 0; }
        .markdown { line-height: 1.5; }
        .markdown table, table.dataframe { border-collapse: collapse; margin: 8px 0; font-size: 0.9em; }
        .markdown th, .markdown td, table.dataframe th, table.dataframe td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        table.dataframe caption { caption-side: bottom; text-align: left; color: #666; font-size: 0.85em; padding-top: 4px; }
        table.dataframe tr.elided td { text-align: center; color: #666; font-style: italic; }
        .input { display: flex; gap: 8px; }
        .prompt { color: #307fc1; font-family: monospace; min-width: 64px; text-align: right; padding-top: 6px; }
        .output .prompt { color: #bf5b3d; }
        pre { margin: 0; padding: 6px 8px; overflow-x: auto; font-size: 0.88em; }
        pre.source { flex: 1; background: #f2f4f7; border: 1px solid #dde1e6; border-radius: 3px; }
        .output { margin: 4px 0 0 72px; display: flex; gap: 8px; }
        .output .prompt { margin-left: -72px; }
        .output .content { flex: 1; overflow-x: auto; }
        .output.stream pre, .output.text pre { background: #fff; }
        .output.stream.stderr pre { background: #fdd; }
        .output.error pre { background: #fdd; color: #a00; flex: 1; }
        .math { font-family: "Times New Roman", serif; }
        blockquote { border-left: 4px solid #ddd; margin: 0; padding-left: 12px; color: #555; }
        code { background: #f2f4f7; padding: 0 3px; border-radius: 3px; }
        pre code { background: none; padding: 0; }

        """;
}
