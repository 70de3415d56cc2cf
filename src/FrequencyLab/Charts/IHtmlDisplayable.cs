namespace FrequencyLab.Charts;

/// <summary>
/// A value that shows itself as an HTML fragment in a notebook output (mime type text/html).
/// Charts, findings, prose and report tables implement it; in a .NET Interactive kernel each such class names its formatter
/// with <see cref="TypeFormatterSourceAttribute"/> (<see cref="HtmlFormatterSource"/>, <see cref="ChartFormatterSource"/>).
/// </summary>
/// <remarks>
/// The fragment is embedded in a page that already loads plotly.js once, so a chart fragment must not load it again.
/// </remarks>
public interface IHtmlDisplayable
{
    /// <summary>The HTML fragment (no &lt;html&gt;/&lt;body&gt; wrapper) that displays this value.</summary>
    string ToHtml();
}
