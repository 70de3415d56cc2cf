using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Charts;

/// <summary>
/// The kernel formatters of the library's HTML values other than charts (<see cref="TypeFormatterSourceAttribute"/>): the
/// attributed type shows its <see cref="IHtmlDisplayable.ToHtml"/> as text/html; a Microsoft.Data.Analysis
/// <see cref="DataFrame"/> shows as a table of its first and last <see cref="DataFrameEdgeRows"/> rows
/// (<see cref="DataFrameHtml"/>). The kernel creates a source the first time it shows each attributed type.
/// </summary>
public sealed class HtmlFormatterSource
{
    /// <summary>Most rows a DataFrame shows at each end of its table.</summary>
    public const int DataFrameEdgeRows = 20;

    public IEnumerable<object> CreateTypeFormatters()
    {
        var formatters = new List<object> { new DisplayableFormatter() };
        // A notebook that did not #r Microsoft.Data.Analysis has no DataFrame to show; its formatter is then not needed.
        try { formatters.Add(CreateDataFrameFormatter()); }
        catch (FileNotFoundException) { }
        return formatters;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // binds Microsoft.Data.Analysis only when called
    private static object CreateDataFrameFormatter() => new DataFrameFormatter();

    /// <summary>The attributed type (no <c>Type</c> property: the kernel applies it to that type) as its own HTML.</summary>
    public sealed class DisplayableFormatter
    {
        public string MimeType => MimeTypes.Html;

        public bool Format(object value, TextWriter writer)
        {
            if (value is not IHtmlDisplayable displayable) return false;
            writer.Write(displayable.ToHtml());
            return true;
        }
    }

    /// <summary>A DataFrame as <see cref="DataFrameHtml"/>'s table.</summary>
    public sealed class DataFrameFormatter
    {
        public string MimeType => MimeTypes.Html;
        public Type Type => typeof(DataFrame);

        public bool Format(object value, TextWriter writer)
        {
            if (value is not DataFrame frame) return false;
            writer.Write(DataFrameHtml.Render(frame, DataFrameEdgeRows));
            return true;
        }
    }
}
