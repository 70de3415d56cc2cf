using System.Collections;
using System.Globalization;
using System.Net;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Notebooks;

/// <summary>One entry of a <see cref="ValueFormatter"/>: how values of one kind render in one mime type.</summary>
/// <param name="CanFormat">Whether this entry applies to the value.</param>
/// <param name="MimeType">The mime type it produces.</param>
/// <param name="Format">The rendering (HTML fragments for text/html).</param>
public sealed record FormatterEntry(Func<object, bool> CanFormat, string MimeType, Func<object, string> Format);

/// <summary>
/// Turns a displayed value into a mime bundle, the way .NET Interactive's formatters do for a notebook output.
/// Entries are tried in order; the first entry that accepts the value chooses its preferred mime type.
/// Defaults: <see cref="IHtmlDisplayable"/>, Plotly.NET charts and DataFrames as text/html (with a text/plain companion),
/// everything else as text/plain (strings as themselves, null as &lt;null&gt;, sequences as [a, b, …]).
/// </summary>
public sealed class ValueFormatter
{
    /// <summary>Most rows a DataFrame shows at each end of its table.</summary>
    public const int DataFrameEdgeRows = 20;

    /// <summary>Most items a sequence shows in text/plain.</summary>
    public const int SequenceItems = 20;

    private readonly IReadOnlyList<FormatterEntry> _entries;

    public ValueFormatter(IEnumerable<FormatterEntry>? extraEntries = null) =>
        _entries = [.. extraEntries ?? [], .. DefaultEntries()];

    /// <summary>The default registry.</summary>
    public static ValueFormatter Default { get; } = new();

    /// <summary>
    /// The mime bundle for <paramref name="value"/>. With <paramref name="mimeTypes"/> given, exactly those types are
    /// produced (text/html of a plain value is its escaped text in a &lt;pre&gt;); otherwise the preferred type of the first
    /// matching entry, plus text/plain when that is HTML.
    /// </summary>
    public IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mimeTypes is { Count: > 0 })
        {
            foreach (var mime in mimeTypes) bundle[mime] = FormatAs(value, mime);
            return bundle;
        }
        if (value is not null && _entries.FirstOrDefault(e => e.CanFormat(value)) is { } entry)
        {
            bundle[entry.MimeType] = entry.Format(value);
            if (entry.MimeType != MimeTypes.PlainText && value is not IHtmlDisplayable and not Plotly.NET.GenericChart)
                bundle[MimeTypes.PlainText] = PlainText(value);
            return bundle;
        }
        bundle[MimeTypes.PlainText] = PlainText(value);
        return bundle;
    }

    private string FormatAs(object? value, string mime)
    {
        if (mime == MimeTypes.PlainText) return PlainText(value);
        if (value is not null && _entries.FirstOrDefault(e => e.MimeType == mime && e.CanFormat(value)) is { } entry) return entry.Format(value);
        if (mime == MimeTypes.Html) return $"<pre>{WebUtility.HtmlEncode(PlainText(value))}</pre>";
        throw new InvalidOperationException($"no formatter renders {value?.GetType().Name ?? "null"} as {mime}");
    }

    /// <summary>The text/plain rendering used when no entry matches.</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e and not DataFrame => Sequence(e),
        _ => value.ToString() ?? "",
    };

    private static string Sequence(IEnumerable items)
    {
        var shown = new List<string>();
        int count = 0;
        foreach (var item in items)
        {
            if (count++ < SequenceItems) shown.Add(item is string s ? s : PlainText(item));
        }
        var more = count > SequenceItems ? $", … ({count - SequenceItems} more)" : "";
        return "[" + string.Join(", ", shown) + more + "]";
    }

    private static IEnumerable<FormatterEntry> DefaultEntries() =>
    [
        new(v => v is IHtmlDisplayable, MimeTypes.Html, v => ((IHtmlDisplayable)v).ToHtml()),
        new(v => v is Plotly.NET.GenericChart, MimeTypes.Html, v => Plotly.NET.GenericChart.toChartHTML((Plotly.NET.GenericChart)v)),
        new(v => v is DataFrame, MimeTypes.Html, v => DataFrameHtml.Render((DataFrame)v, DataFrameEdgeRows)),
    ];
}
