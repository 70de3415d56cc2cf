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
    private const string LibTorchPackage = "libtorch-cpu-linux-x64";

    /// <summary>The folder holding libLibTorchSharp.so, or null.</summary>
    public static string? FindLibTorchSharpFolder(TorchNativeProbe probe) =>
        Candidates(probe, "torchsharp", probe.TorchSharpVersion).FirstOrDefault(d => File.Exists(Path.Combine(d, LibTorchSharp)));

    /// <summary>The folder holding libtorch_cpu.so (with libc10.so and libtorch.so): next to libLibTorchSharp.so in a build
    /// output, else the libtorch-cpu-linux-x64 package that TorchSharp-cpu depends on, else the newest one restored.</summary>
    public static string? FindLibTorchFolder(TorchNativeProbe probe, string libTorchSharpFolder)
    {
        var version = probe.PackageRoots.Select(r => LibTorchVersionFromNuspec(r, probe.TorchSharpVersion)).FirstOrDefault(v => v is not null);
        IEnumerable<string> dirs = [libTorchSharpFolder, .. Candidates(probe, LibTorchPackage, version)];
        dirs = dirs.Concat(probe.PackageRoots.SelectMany(r =>
        {
            var package = Path.Combine(r, LibTorchPackage);
            return Directory.Exists(package)
                ? Directory.GetDirectories(package)
                    .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
                    .Select(d => Path.Combine(d, NativeSubfolder))
                : [];
        }));
        return dirs.FirstOrDefault(d => File.Exists(Path.Combine(d, LibTorchCpu)));
    }

    private static IEnumerable<string> Candidates(TorchNativeProbe probe, string packageId, string? version)
    {
        foreach (var d in probe.SearchDirectories) yield return d;
        var asmDir = probe.TorchSharpAssemblyPath is null ? null : Path.GetDirectoryName(probe.TorchSharpAssemblyPath);
        if (!string.IsNullOrEmpty(asmDir))
        {
            yield return asmDir;
            yield return Path.Combine(asmDir, NativeSubfolder);
        }
        yield return Path.Combine(probe.AppBaseDirectory, NativeSubfolder);
        if (version is null) yield break;
        foreach (var root in probe.PackageRoots) yield return Path.Combine(root, packageId, version, NativeSubfolder);
    }

    /// <summary>The libtorch version the TorchSharp package depends on (from its nuspec), or null when not found.</summary>
    public static string? LibTorchVersion(TorchNativeProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.PackageRoots.Select(r => LibTorchVersionFromNuspec(r, probe.TorchSharpVersion)).FirstOrDefault(v => v is not null);
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
