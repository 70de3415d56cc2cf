using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FrequencyLab.Charts;

/// <summary>
/// The one Markdown renderer (Markdig: CommonMark with GitHub pipe tables and <c>$…$</c> math, which stays text for a reader
/// or MathJax). Notebook cells keep their raw HTML (an author's tags, papermill's error banners) and give headings the ids
/// the study page's notebook links point at; prose built from values (<see cref="Markdown"/>) has raw HTML off, so an
/// interpolated value is text, never markup.
/// </summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline CellPipeline = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().Build();
    private static readonly MarkdownPipeline ValuePipeline = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().DisableHtml().Build();

    /// <summary>A notebook's markdown cell as HTML: raw HTML kept, each heading with its <see cref="HeadingId"/>.</summary>
    public static string CellToHtml(string markdown) => Render(markdown, CellPipeline, headingIds: true);

    /// <summary>Markdown that carries values as HTML: raw HTML is encoded as text; headings get no ids.</summary>
    public static string ValuesToHtml(string markdown) => Render(markdown, ValuePipeline, headingIds: false);

    /// <summary>
    /// A heading's anchor: its text lower-cased, every character other than a letter, digit, '_', '-' or space dropped, spaces
    /// made '-' ("3. H1 — the learning rate is too high" → "3-h1--the-learning-rate-is-too-high"). The rule the claims'
    /// notebook links were written against (close to GitHub's; Markdig's own AutoIdentifiers differ, e.g. on leading digits).
    /// </summary>
    public static string HeadingId(string text) => SlugStrip().Replace(text.ToLowerInvariant(), "").Trim().Replace(' ', '-');

    private static string Render(string markdown, MarkdownPipeline pipeline, bool headingIds)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", pipeline);
        KeepProductsLiteral(document);
        if (headingIds)
            foreach (var heading in document.Descendants<HeadingBlock>())
                heading.GetAttributes().Id = HeadingId(PlainText(heading.Inline));
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// An asterisk between letters or digits is a product ("K*N and a*b", "2*3*4"), not emphasis as CommonMark would read it:
    /// such single-asterisk emphasis is put back as text. Done on the syntax tree, so code spans and math keep their asterisks.
    /// </summary>
    private static void KeepProductsLiteral(MarkdownDocument document)
    {
        foreach (var emphasis in document.Descendants<EmphasisInline>().ToList())
        {
            if (emphasis is not { DelimiterChar: '*', DelimiterCount: 1 }
                || emphasis.PreviousSibling is not LiteralInline { Content: var before } || before.IsEmpty || !char.IsLetterOrDigit(before.Text[before.End])
                || emphasis.NextSibling is not LiteralInline { Content: var after } || after.IsEmpty || !char.IsLetterOrDigit(after.Text[after.Start]))
                continue;
            emphasis.InsertBefore(new LiteralInline("*"));
            while (emphasis.FirstChild is { } child)
            {
                child.Remove();
                emphasis.InsertBefore(child);
            }
            emphasis.InsertBefore(new LiteralInline("*"));
            emphasis.Remove();
        }
    }

    /// <summary>The text a reader sees in <paramref name="inline"/>: literals, code and math content, without markup.</summary>
    private static string PlainText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline);
        return text.ToString();

        void Append(Inline? node)
        {
            switch (node)
            {
                case null: return;
                case LiteralInline literal: text.Append(literal.Content); break;
                case CodeInline code: text.Append(code.Content); break;
                case MathInline math: text.Append(math.Content); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline container:
                    for (var child = container.FirstChild; child is not null; child = child.NextSibling) Append(child);
                    break;
            }
        }
    }

    [GeneratedRegex(@"[^\w\- ]")] private static partial Regex SlugStrip();
}
