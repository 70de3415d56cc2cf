using System.Reflection;

namespace FrequencyLab.Charts;

/// <summary>
/// The plotly.js bundle that Plotly.NET ships as an embedded resource, so that every page renders offline (no CDN).
/// </summary>
public static class PlotlyJs
{
    private const string ResourcePrefix = "Plotly.NET.plotly-";
    private const string ResourceSuffix = ".min.js";

    private static readonly Lazy<(string Version, string Source)> Bundle = new(LoadBundle);

    /// <summary>The plotly.js version of the embedded bundle, e.g. "2.28.0".</summary>
    public static string Version => Bundle.Value.Version;

    /// <summary>The minified plotly.js source (≈3.6 MB).</summary>
    public static string Source => Bundle.Value.Source;

    /// <summary>
    /// A &lt;script&gt; element that defines <c>window.Plotly</c> from the inlined bundle. Put it once on a page, before or
    /// after the chart fragments (they wait for it).
    /// </summary>
    /// <remarks>
    /// The bundle is a UMD module: where an AMD loader is present (require.js in classic Jupyter pages) it would register
    /// itself with the loader instead of setting <c>window.Plotly</c>. Shadowing <c>define</c>, <c>module</c> and
    /// <c>exports</c> with undefined parameters makes it take the plain-global branch on every page.
    /// </remarks>
    /// <summary>Words in the comment that opens <see cref="InlineScript"/>: a page holding them already has plotly.js.</summary>
    public const string InlineMarker = "inlined so that the page renders offline";

    public static string InlineScript() =>
        $"<script type=\"text/javascript\">/* plotly.js {Version}, {InlineMarker} */\n" +
        "(function (define, module, exports) {\n" + Source + "\n})();\n</script>";

    private static (string, string) LoadBundle()
    {
        Assembly assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Plotly.NET {assembly.GetName().Version} ships no embedded plotly.js bundle ({ResourcePrefix}*{ResourceSuffix})");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        // An inline script ends at the first "</script"; the bundle must not contain one.
        if (source.Contains("</script", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{name} contains \"</script\" and cannot be inlined");
        return (name[ResourcePrefix.Length..^ResourceSuffix.Length], source);
    }
}
