using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Renders the Markdown of notebook cells to HTML: the CommonMark subset notebooks use (ATX headings, paragraphs, emphasis,
/// code spans, fenced code, nested bullet and numbered lists, links, images, block quotes, rules, GitHub pipe tables) and
/// raw HTML blocks (lines starting with a tag, as papermill's error banners). LaTeX between $…$ or $$…$$ is left as text,
/// untouched by emphasis rules.
/// </summary>
public static partial class MarkdownRenderer
{
    public static string ToHtml(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var html = new StringBuilder();
        RenderBlocks(lines, 0, lines.Length, html);
        return html.ToString();
    }

    private static void RenderBlocks(string[] lines, int start, int end, StringBuilder html)
    {
        int i = start;
        while (i < end)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0) { i++; continue; }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var fence = trimmed[..3];
                var lang = trimmed[3..].Trim();
                var code = new List<string>();
                i++;
                while (i < end && !lines[i].TrimStart().StartsWith(fence, StringComparison.Ordinal)) code.Add(lines[i++]);
                i++;
                html.Append(lang.Length > 0 ? $"<pre><code class=\"language-{WebUtility.HtmlEncode(lang)}\">" : "<pre><code>")
                    .Append(WebUtility.HtmlEncode(string.Join('\n', code))).Append("</code></pre>\n");
                continue;
            }
            if (trimmed.StartsWith("$$", StringComparison.Ordinal))
            {
                // Display math: kept verbatim (escaped) so a reader, or MathJax if the page ever loads it, sees the TeX.
                var math = new List<string> { line };
                bool closed = trimmed.Length > 2 && trimmed[2..].Contains("$$", StringComparison.Ordinal);
                i++;
                while (!closed && i < end) { math.Add(lines[i]); closed = lines[i++].Contains("$$", StringComparison.Ordinal); }
                html.Append("<div class=\"math\">").Append(WebUtility.HtmlEncode(string.Join('\n', math))).Append("</div>\n");
                continue;
            }
            if (HeadingLine().Match(line) is { Success: true } heading)
            {
                int level = heading.Groups[1].Length;
                var text = heading.Groups[2].Value.Trim().TrimEnd('#').TrimEnd();
                html.Append($"<h{level} id=\"{Slug(text)}\">").Append(Inline(text)).Append($"</h{level}>\n");
                i++;
                continue;
            }
            if (RuleLine().IsMatch(line)) { html.Append("<hr>\n"); i++; continue; }
            if (HtmlBlockStart().IsMatch(trimmed))
            {
                // A raw HTML block runs to the next blank line, as in CommonMark.
                while (i < end && lines[i].Trim().Length > 0) html.Append(lines[i++]).Append('\n');
                continue;
            }
            if (trimmed.StartsWith('>'))
            {
                var quoted = new List<string>();
                while (i < end && lines[i].TrimStart().StartsWith('>'))
                {
                    var q = lines[i++].TrimStart()[1..];
                    quoted.Add(q.StartsWith(' ') ? q[1..] : q);
                }
                html.Append("<blockquote>\n");
                RenderBlocks([.. quoted], 0, quoted.Count, html);
                html.Append("</blockquote>\n");
                continue;
            }
            if (ListItem().IsMatch(line))
            {
                i = RenderList(lines, i, end, html);
                continue;
            }
            if (i + 1 < end && line.Contains('|') && TableDelimiter().IsMatch(lines[i + 1]))
            {
                i = RenderTable(lines, i, end, html);
                continue;
            }
            var paragraph = new List<string>();
            while (i < end && lines[i].Trim().Length > 0 && !StartsBlock(lines, i, end)) paragraph.Add(lines[i++].Trim());
            if (paragraph.Count == 0) paragraph.Add(lines[i++].Trim());
            html.Append("<p>").Append(Inline(string.Join('\n', paragraph))).Append("</p>\n");
        }
    }

    private static bool StartsBlock(string[] lines, int i, int end)
    {
        var t = lines[i].TrimStart();
        return t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal) || t.StartsWith("$$", StringComparison.Ordinal)
            || HeadingLine().IsMatch(lines[i]) || RuleLine().IsMatch(lines[i]) || t.StartsWith('>') || ListItem().IsMatch(lines[i])
            || (i + 1 < end && lines[i].Contains('|') && TableDelimiter().IsMatch(lines[i + 1]));
    }

    private static int RenderList(string[] lines, int i, int end, StringBuilder html)
    {
        var first = ListItem().Match(lines[i]);
        int indent = first.Groups[1].Length;
        bool ordered = char.IsDigit(first.Groups[2].Value[0]);
        string tag = ordered ? "ol" : "ul";
        int startNumber = ordered ? int.Parse(first.Groups[2].Value.TrimEnd('.', ')'), System.Globalization.CultureInfo.InvariantCulture) : 1;
        html.Append(ordered && startNumber != 1 ? $"<ol start=\"{startNumber}\">\n" : $"<{tag}>\n");
        while (i < end)
        {
            var m = ListItem().Match(lines[i]);
            if (!m.Success || m.Groups[1].Length != indent || char.IsDigit(m.Groups[2].Value[0]) != ordered) break;
            int contentIndent = m.Groups[1].Length + m.Groups[2].Length + 1;
            var item = new List<string> { m.Groups[3].Value };
            i++;
            // The item continues over lines indented past its marker (nested lists included) and lazy paragraph lines.
            while (i < end)
            {
                var next = lines[i];
                if (next.Trim().Length == 0)
                {
                    if (i + 1 < end && LeadingSpaces(lines[i + 1]) >= contentIndent && lines[i + 1].Trim().Length > 0) { item.Add(""); i++; continue; }
                    break;
                }
                if (LeadingSpaces(next) >= contentIndent) { item.Add(next[Math.Min(contentIndent, next.Length)..]); i++; continue; }
                if (ListItem().IsMatch(next) || StartsBlock(lines, i, end)) break;
                item.Add(next.Trim());
                i++;
            }
            html.Append("<li>");
            int firstBlock = 1;
            while (firstBlock < item.Count && item[firstBlock].Length > 0 && !ListItem().IsMatch(item[firstBlock])) firstBlock++;
            html.Append(Inline(string.Join('\n', item.Take(firstBlock).Select(l => l.Trim()))));
            if (firstBlock < item.Count)
            {
                var rest = item.Skip(firstBlock).ToArray();
                html.Append('\n');
                RenderBlocks(rest, 0, rest.Length, html);
            }
            html.Append("</li>\n");
            while (i < end && lines[i].Trim().Length == 0 && i + 1 < end && ListItem().Match(lines[i + 1]) is { Success: true } n && n.Groups[1].Length == indent) i++;
        }
        html.Append($"</{tag}>\n");
        return i;
    }

    private static int RenderTable(string[] lines, int i, int end, StringBuilder html)
    {
        var header = SplitRow(lines[i]);
        var aligns = SplitRow(lines[i + 1]).Select(c =>
        {
            var t = c.Trim();
            return t.StartsWith(':') && t.EndsWith(':') ? " style=\"text-align:center\"" : t.EndsWith(':') ? " style=\"text-align:right\"" : t.StartsWith(':') ? " style=\"text-align:left\"" : "";
        }).ToList();
        string Align(int c) => c < aligns.Count ? aligns[c] : "";
        html.Append("<table>\n<thead><tr>");
        for (int c = 0; c < header.Count; c++) html.Append($"<th{Align(c)}>").Append(Inline(header[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        i += 2;
        while (i < end && lines[i].Trim().Length > 0 && lines[i].Contains('|'))
        {
            var row = SplitRow(lines[i++]);
            html.Append("<tr>");
            for (int c = 0; c < header.Count; c++) html.Append($"<td{Align(c)}>").Append(c < row.Count ? Inline(row[c]) : "").Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return i;
    }

    private static List<string> SplitRow(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|') && !t.EndsWith("\\|", StringComparison.Ordinal)) t = t[..^1];
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool inCode = false;
        for (int k = 0; k < t.Length; k++)
        {
            char ch = t[k];
            if (ch == '\\' && k + 1 < t.Length && t[k + 1] == '|') { cell.Append('|'); k++; continue; }
            if (ch == '`') inCode = !inCode;
            if (ch == '|' && !inCode) { cells.Add(cell.ToString().Trim()); cell.Clear(); continue; }
            cell.Append(ch);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>Inline Markdown of one block: code spans and math first (their content is literal), then links, emphasis, breaks.</summary>
    public static string Inline(string text)
    {
        var literals = new List<string>();
        string Hold(string html) { literals.Add(html); return $"\u0001{literals.Count - 1}\u0002"; }

        text = CodeSpan().Replace(text, m => Hold("<code>" + WebUtility.HtmlEncode(m.Groups[2].Value.Trim()) + "</code>"));
        text = MathSpan().Replace(text, m => Hold("<span class=\"math\">" + WebUtility.HtmlEncode(m.Value) + "</span>"));
        text = InlineTag().Replace(text, m => Hold(m.Value));
        text = Escaped().Replace(text, m => Hold(WebUtility.HtmlEncode(m.Groups[1].Value)));
        text = WebUtility.HtmlEncode(text);
        text = Image().Replace(text, m => $"<img src=\"{m.Groups[2].Value}\" alt=\"{m.Groups[1].Value}\">");
        text = Link().Replace(text, m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>");
        text = AutoLink().Replace(text, m => $"<a href=\"{m.Groups[1].Value}\">{m.Groups[1].Value}</a>");
        text = Strong().Replace(text, m => $"<strong>{m.Groups[2].Value}</strong>");
        text = Emphasis().Replace(text, m => $"<em>{m.Groups[2].Value}</em>");
        text = Strike().Replace(text, m => $"<del>{m.Groups[1].Value}</del>");
        text = HardBreak().Replace(text, "<br>\n");
        return Held().Replace(text, m => literals[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static int LeadingSpaces(string line) => line.Length - line.TrimStart(' ').Length;

    private static string Slug(string text) =>
        SlugStrip().Replace(text.ToLowerInvariant(), "").Trim().Replace(' ', '-');

    [GeneratedRegex(@"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")] private static partial Regex HeadingLine();
    [GeneratedRegex(@"^ {0,3}([-*_])( *\1){2,} *$")] private static partial Regex RuleLine();
    [GeneratedRegex(@"^( *)([-*+]|\d{1,9}[.)])(?: +(.*)|$)")] private static partial Regex ListItem();
    [GeneratedRegex(@"^ *\|? *:?-{1,}:? *(\| *:?-{1,}:? *)*\|? *$")] private static partial Regex TableDelimiter();
    [GeneratedRegex(@"^(<!--|</?[A-Za-z][A-Za-z0-9-]*(\s|/?>|$))")] private static partial Regex HtmlBlockStart();
    [GeneratedRegex(@"(`+)(.+?)\1")] private static partial Regex CodeSpan();
    [GeneratedRegex(@"\$\$.+?\$\$|(?<![\\$\w])\$(?=\S)[^$\n]+?(?<=\S)\$(?![\w$])")] private static partial Regex MathSpan();
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(\s+[A-Za-z_:][-A-Za-z0-9_:.]*(\s*=\s*(""[^""]*""|'[^']*'|[^\s""'=<>`]+))?)*\s*/?>")] private static partial Regex InlineTag();
    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|$<>~])")] private static partial Regex Escaped();
    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)(?:\s+&quot;[^)]*&quot;)?\)")] private static partial Regex Image();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)(?:\s+&quot;[^)]*&quot;)?\)")] private static partial Regex Link();
    [GeneratedRegex(@"&lt;(https?://[^\s&]+)&gt;")] private static partial Regex AutoLink();
    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")] private static partial Regex Strong();
    [GeneratedRegex(@"(?<![\w*])(\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")] private static partial Regex Emphasis();
    [GeneratedRegex(@"~~(?=\S)(.+?)(?<=\S)~~")] private static partial Regex Strike();
    [GeneratedRegex(@"(?: {2,}|\\)\n")] private static partial Regex HardBreak();
    [GeneratedRegex("\u0001(\\d+)\u0002")] private static partial Regex Held();
    [GeneratedRegex(@"[^\w\- ]")] private static partial Regex SlugStrip();
}
