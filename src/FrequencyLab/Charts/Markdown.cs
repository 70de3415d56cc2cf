using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace FrequencyLab.Charts;

/// <summary>
/// Prose for a notebook output, written in a small Markdown subset and shown as HTML: notebooks build it from measured
/// values (an interpolated string) so that no number in the prose is typed by hand.
/// </summary>
/// <remarks>
/// Supported: paragraphs (blank-line separated), headings (#, ##, ###), bullet lists ("- "), **bold**, *italic*, `code`.
/// Everything else is text: it is HTML-encoded, so values cannot inject markup.
/// </remarks>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed partial class Markdown : IHtmlDisplayable
{
    public Markdown(string text) => Text = text ?? "";

    /// <summary>The Markdown source.</summary>
    public string Text { get; }

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"freqlab-prose\">");
        foreach (var block in BlockSeparator().Split(Text.Replace("\r\n", "\n").Trim()))
        {
            if (block.Length == 0) continue;
            var lines = block.Split('\n');
            var heading = HeadingPrefix().Match(block);
            if (heading.Success && lines.Length == 1)
            {
                int level = heading.Groups[1].Value.Length;
                html.Append($"<h{level}>{Inline(block[heading.Length..])}</h{level}>");
            }
            else if (lines.All(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                html.Append("<ul>");
                foreach (var l in lines) html.Append("<li>").Append(Inline(l[2..])).Append("</li>");
                html.Append("</ul>");
            }
            else html.Append("<p>").Append(Inline(string.Join(" ", lines))).Append("</p>");
        }
        return html.Append("</div>").ToString();
    }

    public override string ToString() => Text;

    private static string Inline(string text)
    {
        var s = WebUtility.HtmlEncode(text);
        s = CodeSpan().Replace(s, "<code>$1</code>");
        s = Bold().Replace(s, "<strong>$1</strong>");
        s = Italic().Replace(s, "<em>$1</em>");
        return s;
    }

    [GeneratedRegex(@"\n\s*\n")] private static partial Regex BlockSeparator();
    [GeneratedRegex(@"^(#{1,3}) ")] private static partial Regex HeadingPrefix();
    [GeneratedRegex(@"`([^`]+)`")] private static partial Regex CodeSpan();
    [GeneratedRegex(@"\*\*([^*]+)\*\*")] private static partial Regex Bold();
    [GeneratedRegex(@"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])")] private static partial Regex Italic();
}
