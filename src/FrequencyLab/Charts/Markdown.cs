namespace FrequencyLab.Charts;

/// <summary>
/// Prose for a notebook output, written in Markdown and shown as HTML: notebooks build it from measured values (an
/// interpolated string) so that no number in the prose is typed by hand.
/// </summary>
/// <remarks>
/// Rendered by <see cref="MarkdownRenderer.ValuesToHtml"/> (CommonMark) with raw HTML off: a value containing '&lt;' or a
/// tag is shown as text, so values cannot inject markup.
/// </remarks>
[TypeFormatterSource(typeof(HtmlFormatterSource))]
public sealed class Markdown : IHtmlDisplayable
{
    public Markdown(string text) => Text = text ?? "";

    /// <summary>The Markdown source.</summary>
    public string Text { get; }

    public string ToHtml() => "<div class=\"freqlab-prose\">" + MarkdownRenderer.ValuesToHtml(Text) + "</div>";

    public override string ToString() => Text;
}
