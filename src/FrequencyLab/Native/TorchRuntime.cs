using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FrequencyLab.IO;

namespace FrequencyLab.Native;

/// <summary>
/// Makes TorchSharp's native library loadable on systems whose libstdc++ predates GCC 13 (Debian 12: GLIBCXX ≤ 3.4.30).
/// Call <see cref="EnsureLoaded"/> before the first TorchSharp call; every TorchSharp user in this project does.
/// </summary>
/// <remarks>
/// TorchSharp 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32 only for a marker symbol nothing relocates against
/// (see <see cref="GlibcxxVersionPatch"/>). When the system libstdc++ (checked by its .gnu.version_d, not by trying)
/// lacks that version, this writes a copy with that one need rewritten to GLIBCXX_3.4.30 into
/// <c>$XDG_CACHE_HOME/freqlab/native/&lt;sha256 of the original&gt;/</c> (never touching the NuGet cache), loads libtorch's
/// libraries from their original folder, loads the copy, and registers a DllImport resolver on TorchSharp so its
/// <c>[DllImport("LibTorchSharp")]</c> calls bind to the copy. Where libstdc++ is new enough it does nothing.
/// Set <c>FREQLAB_NO_TORCH_PATCH=1</c> to turn it off. docs/torchsharp-debian12.md explains it.
/// </remarks>
public static class TorchRuntime
{
    public const string DisableVariable = "FREQLAB_NO_TORCH_PATCH";
    private const string TorchSharpLibraryName = "LibTorchSharp";

    private static readonly Lazy<TorchRuntimeStatus> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Prepares the native library once per process (thread-safe; later calls return the first result).</summary>
    /// <exception cref="FrequencyLabException">libstdc++ lacks versions that no safe patch can supply, or the patch does not apply.</exception>
    public static TorchRuntimeStatus EnsureLoaded() => Loaded.Value;

    /// <summary>The folder patched copies are written to: <c>$XDG_CACHE_HOME/freqlab/native</c> (default <c>~/.cache</c>).</summary>
    public static string CacheRoot
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "freqlab", "native");
        }
    }

    private static TorchRuntimeStatus Load()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return new(TorchRuntimeMode.NotApplicable, null, null, null, "not Linux x64");
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1")
            return new(TorchRuntimeMode.Disabled, null, null, null, $"{DisableVariable}=1");

        var torchSharp = typeof(TorchSharp.torch).Assembly;
        var probe = TorchNativeProbe.ForProcess(torchSharp);
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(probe);
        if (folder is null)
            return new(TorchRuntimeMode.NotFound, null, null, null, $"{TorchNativeLocator.LibTorchSharp} not found; TorchSharp loads it its own way");
        var original = Path.Combine(folder, TorchNativeLocator.LibTorchSharp);
        var bytes = ReadBytes(original);
        var needed = GlibcxxVersionPatch.NeededLibStdCxxVersions(ElfImage.Parse(bytes, original));

        var stdcxx = LibStdCxxLocator.Locate()
            ?? throw new FrequencyLabException($"TorchSharp: {GlibcxxVersionPatch.Dependency} not found on this system");
        var defined = ElfImage.Read(stdcxx).VersionDefinitions;
        var decision = TorchPatchDecision.Decide(needed, defined);
        switch (decision.Action)
        {
            case TorchPatchAction.None:
                return new(TorchRuntimeMode.AsShipped, original, null, stdcxx, $"{stdcxx} defines every version {TorchNativeLocator.LibTorchSharp} needs");
            case TorchPatchAction.Unfixable:
                throw new FrequencyLabException(
                    $"TorchSharp: {original} needs {string.Join(", ", decision.Missing)}, which {stdcxx} does not define; install a newer libstdc++6");
        }

        var patched = WritePatchedCopy(original, bytes, CacheRoot);
        var torchFolder = TorchNativeLocator.FindLibTorchFolder(probe, folder)
            ?? throw new FrequencyLabException($"TorchSharp: {TorchNativeLocator.LibTorchCpu} not found next to {original} nor in the NuGet packages folder");
        // The copy's RUNPATH ($ORIGIN) no longer reaches libtorch; loading its dependencies first by absolute path lets the
        // loader satisfy its DT_NEEDED entries by SONAME (libc10.so, libtorch_cpu.so, libtorch.so).
        foreach (var dependency in new[] { "libc10.so", TorchNativeLocator.LibTorchCpu, "libtorch.so" })
            LoadLibrary(Path.Combine(torchFolder, dependency));
        var handle = LoadLibrary(patched);
        try
        {
            NativeLibrary.SetDllImportResolver(torchSharp, (name, _, _) => IsLibTorchSharp(name) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Someone else registered a resolver for TorchSharp (e.g. this library loaded twice in a notebook). The copy
            // is loaded under SONAME libLibTorchSharp.so, so the host's bare-name fallback still finds it.
        }
        return new(TorchRuntimeMode.Patched, original, patched, stdcxx,
            $"{stdcxx} lacks {GlibcxxVersionPatch.MissingVersion}; loaded {patched}");
    }

    private static bool IsLibTorchSharp(string name) =>
        name is TorchSharpLibraryName or TorchNativeLocator.LibTorchSharp || Path.GetFileName(name) == TorchNativeLocator.LibTorchSharp;

    /// <summary>Writes the patched copy to <c>cacheRoot/&lt;sha256 of the original&gt;/</c> unless an identical one is there; returns its path.</summary>
    internal static string WritePatchedCopy(string original, byte[] bytes, string cacheRoot)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = Path.Combine(cacheRoot, hash, TorchNativeLocator.LibTorchSharp);
        var patched = GlibcxxVersionPatch.Apply(bytes, original);
        if (File.Exists(path) && ReadBytes(path).AsSpan().SequenceEqual(patched)) return path;
        // Atomic, so a concurrent process sees either no file or the whole copy; mapping a half-written library would crash.
        try { AtomicFile.WriteAllBytes(path, patched); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FrequencyLabException(
                $"TorchSharp: cannot write the patched {TorchNativeLocator.LibTorchSharp} to {path}: {e.Message} (set XDG_CACHE_HOME to a writable folder, or {DisableVariable}=1)");
        }
        return path;
    }

    private static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (IOException e) { throw new DataFileException(path, e.Message); }
        catch (UnauthorizedAccessException e) { throw new DataFileException(path, e.Message); }
    }

    private static IntPtr LoadLibrary(string path)
    {
        try { return NativeLibrary.Load(path); }
        catch (DllNotFoundException e) { throw new FrequencyLabException($"TorchSharp: cannot load {path}: {e.Message.ReplaceLineEndings(" ")}"); }
    }
}
