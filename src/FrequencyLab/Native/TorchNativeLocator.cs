using System.Reflection;
using System.Text.RegularExpressions;

namespace FrequencyLab.Native;

/// <summary>
/// Finds TorchSharp's native folders the way the .NET host would: in the app's native search directories (build output,
/// deps.json), next to TorchSharp.dll, then in the NuGet packages folder (how notebooks that <c>#r "nuget: TorchSharp-cpu"</c> see them).
/// </summary>
public static partial class TorchNativeLocator
{
    public const string LibTorchSharp = "libLibTorchSharp.so";
    public const string LibTorchCpu = "libtorch_cpu.so";
    private const string NativeSubfolder = "runtimes/linux-x64/native";

    /// <summary>The folder holding libLibTorchSharp.so, or null.</summary>
    public static string? FindLibTorchSharpFolder(Assembly torchSharp) =>
        Candidates(torchSharp, "torchsharp", TorchSharpVersion(torchSharp)).FirstOrDefault(d => File.Exists(Path.Combine(d, LibTorchSharp)));

    /// <summary>The folder holding libtorch_cpu.so (with libc10.so and libtorch.so), preferring <paramref name="libTorchSharpFolder"/>.</summary>
    public static string? FindLibTorchFolder(Assembly torchSharp, string libTorchSharpFolder)
    {
        IEnumerable<string> dirs = [libTorchSharpFolder];
        var roots = PackageRoots(torchSharp).ToArray();
        var version = roots.Select(r => LibTorchVersionFromNuspec(r, TorchSharpVersion(torchSharp))).FirstOrDefault(v => v is not null);
        dirs = dirs.Concat(Candidates(torchSharp, "libtorch-cpu-linux-x64", version));
        // Any restored libtorch-cpu-linux-x64 as a last resort, newest first.
        dirs = dirs.Concat(roots.SelectMany(r =>
        {
            var pkg = Path.Combine(r, "libtorch-cpu-linux-x64");
            return Directory.Exists(pkg)
                ? Directory.GetDirectories(pkg).OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version()).Select(d => Path.Combine(d, NativeSubfolder))
                : [];
        }));
        return dirs.FirstOrDefault(d => File.Exists(Path.Combine(d, LibTorchCpu)));
    }

    private static IEnumerable<string> Candidates(Assembly torchSharp, string packageId, string? version)
    {
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            foreach (var d in searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) yield return d;
        var asmDir = Path.GetDirectoryName(torchSharp.Location);
        if (!string.IsNullOrEmpty(asmDir))
        {
            yield return asmDir;
            yield return Path.Combine(asmDir, NativeSubfolder);
        }
        yield return Path.Combine(AppContext.BaseDirectory, NativeSubfolder);
        if (version is null) yield break;
        foreach (var root in PackageRoots(torchSharp)) yield return Path.Combine(root, packageId, version, NativeSubfolder);
    }

    /// <summary>NuGet package roots: the one TorchSharp.dll sits in (…/torchsharp/0.107.0/lib/net8.0/), NUGET_PACKAGES, ~/.nuget/packages.</summary>
    private static IEnumerable<string> PackageRoots(Assembly torchSharp)
    {
        var asmDir = Path.GetDirectoryName(torchSharp.Location);
        if (!string.IsNullOrEmpty(asmDir))
        {
            var root = Path.GetFullPath(Path.Combine(asmDir, "..", "..", "..", ".."));
            if (Directory.Exists(Path.Combine(root, "torchsharp"))) yield return root;
        }
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env) yield return env;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) yield return Path.Combine(home, ".nuget", "packages");
    }

    private static string? TorchSharpVersion(Assembly torchSharp)
    {
        var info = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return info?.Split('+')[0];
    }

    private static string? LibTorchVersionFromNuspec(string root, string? torchSharpVersion)
    {
        if (torchSharpVersion is null) return null;
        var nuspec = Path.Combine(root, "torchsharp-cpu", torchSharpVersion, "torchsharp-cpu.nuspec");
        if (!File.Exists(nuspec)) return null;
        var m = LibTorchDependency().Match(File.ReadAllText(nuspec));
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("""id="libtorch-cpu"\s+version="\[?([0-9.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex LibTorchDependency();
}
