using System.Reflection;

namespace FrequencyLab.Notebooks;

/// <summary>
/// plotly.js as shipped inside the Plotly.NET assembly (an embedded resource, Plotly.NET.plotly-&lt;version&gt;.min.js), so
/// pages with charts render offline with the very plotly.js version Plotly.NET targets.
/// </summary>
/// <remarks>Internal, and not named PlotlyJs: FrequencyLab.Charts.PlotlyJs is the public way to get the script.</remarks>
internal static class PlotlyScript
{
    private static readonly Lazy<string> Script = new(Load);

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Script.Value;

    /// <summary>The embedded resource's name.</summary>
    public static string ResourceName { get; } = FindResource(typeof(Plotly.NET.GenericChart).Assembly);

    private static string Load()
    {
        using var stream = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream(ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string FindResource(Assembly assembly) =>
        assembly.GetManifestResourceNames().SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("Plotly.NET does not embed plotly.min.js");
}
