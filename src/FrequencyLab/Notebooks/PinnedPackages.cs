namespace FrequencyLab.Notebooks;

/// <summary>A NuGet package a notebook may load, at the version the library pins, and the assemblies it brings.</summary>
/// <param name="Id">The package id as written in <c>#r "nuget: Id, Version"</c>.</param>
/// <param name="Version">The pinned version (Directory.Packages.props).</param>
/// <param name="Assemblies">Simple names of the assemblies a script compiles against when the package is loaded,
/// including the dependencies whose types appear in the package's public API (e.g. FSharp.Core for Plotly.NET).</param>
public sealed record PinnedPackage(string Id, string Version, IReadOnlyList<string> Assemblies);

/// <summary>
/// The packages the headless runner serves to <c>#r "nuget: …"</c>: the library's own dependencies, already loaded in
/// the runner's process. A test checks this table against Directory.Packages.props so the two never drift apart.
/// </summary>
public static class PinnedPackages
{
    public static IReadOnlyList<PinnedPackage> All { get; } =
    [
        new("TorchSharp-cpu", "0.107.0", ["TorchSharp"]),
        new("Plotly.NET", "6.0.0", ["Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine"]),
        new("Plotly.NET.CSharp", "0.14.0", ["Plotly.NET.CSharp", "Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine"]),
        new("Microsoft.Data.Analysis", "0.23.1", ["Microsoft.Data.Analysis", "Microsoft.ML.DataView", "Apache.Arrow"]),
        new("MathNet.Numerics", "5.0.0", ["MathNet.Numerics"]),
        new("System.Numerics.Tensors", "10.0.0", ["System.Numerics.Tensors"]),
    ];

    /// <summary>The pinned package with this id (NuGet ids compare case-insensitively), or null.</summary>
    public static PinnedPackage? Find(string id) =>
        All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
