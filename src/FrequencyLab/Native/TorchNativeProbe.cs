using System.Reflection;

namespace FrequencyLab.Native;

/// <summary>Where to look for TorchSharp's native libraries: the facts <see cref="TorchNativeLocator"/> searches with.</summary>
/// <param name="TorchSharpAssemblyPath">TorchSharp.dll's location (in the build output, or in the NuGet cache for notebooks).</param>
/// <param name="TorchSharpVersion">Its package version, e.g. 0.107.0.</param>
/// <param name="SearchDirectories">The host's native search directories (NATIVE_DLL_SEARCH_DIRECTORIES, from deps.json).</param>
/// <param name="AppBaseDirectory">The application's folder.</param>
/// <param name="PackageRoots">NuGet global-packages folders to try.</param>
public sealed record TorchNativeProbe(
    string? TorchSharpAssemblyPath,
    string? TorchSharpVersion,
    IReadOnlyList<string> SearchDirectories,
    string AppBaseDirectory,
    IReadOnlyList<string> PackageRoots)
{
    /// <summary>The facts of this process for the given TorchSharp assembly.</summary>
    public static TorchNativeProbe ForProcess(Assembly torchSharp)
    {
        var location = string.IsNullOrEmpty(torchSharp.Location) ? null : torchSharp.Location;
        var version = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
        var search = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string s
            ? s.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [];
        var roots = new List<string>();
        if (location is not null && PackageRootOf(location) is { } own) roots.Add(own);
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env) roots.Add(env);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) roots.Add(Path.Combine(home, ".nuget", "packages"));
        return new TorchNativeProbe(location, version, search, AppContext.BaseDirectory, roots.Distinct().ToArray());
    }

    /// <summary>The packages folder that holds an assembly laid out as <c>root/torchsharp/0.107.0/lib/net8.0/TorchSharp.dll</c>, or null.</summary>
    public static string? PackageRootOf(string torchSharpAssemblyPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(torchSharpAssemblyPath));
        if (dir is null) return null;
        var root = Path.GetFullPath(Path.Combine(dir, "..", "..", "..", ".."));
        var package = Path.GetFullPath(Path.Combine(dir, "..", "..", ".."));
        return string.Equals(Path.GetFileName(package), "torchsharp", StringComparison.OrdinalIgnoreCase) ? root : null;
    }
}
