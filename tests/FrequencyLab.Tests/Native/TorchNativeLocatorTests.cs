using FrequencyLab.Native;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Native;

public sealed class TorchNativeLocatorTests
{
    private static string NuGetRoot => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public void Build_output_finds_both_libraries_in_its_own_runtimes_folder()
    {
        var probe = TorchNativeProbe.ForProcess(typeof(TorchSharp.torch).Assembly);
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(probe);
        Assert.NotNull(folder);
        Assert.Equal(folder, TorchNativeLocator.FindLibTorchFolder(probe, folder!));
        Assert.True(File.Exists(Path.Combine(folder!, "libtorch_cpu.so")));
    }

    [Fact]
    public void Notebook_layout_finds_the_NuGet_cache_folders_from_TorchSharp_dll_alone()
    {
        // What a VS Code notebook sees after #r "nuget: TorchSharp-cpu, 0.107.0": TorchSharp.dll in the NuGet cache, no deps.json
        // native directories, and an application folder (the kernel's) that knows nothing of TorchSharp.
        using var app = new TempDir();
        var assembly = Path.Combine(NuGetRoot, "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is not restored");
        Assert.Equal(Path.GetFullPath(NuGetRoot), TorchNativeProbe.PackageRootOf(assembly));
        var probe = new TorchNativeProbe(assembly, "0.107.0", [], app.Path, [TorchNativeProbe.PackageRootOf(assembly)!]);

        var folder = TorchNativeLocator.FindLibTorchSharpFolder(probe);
        Assert.Equal(Path.Combine(NuGetRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native"), folder);
        Assert.Equal(Path.Combine(NuGetRoot, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native"),
            TorchNativeLocator.FindLibTorchFolder(probe, folder!));
    }

    [Fact]
    public void Nothing_is_found_where_nothing_is_restored()
    {
        using var empty = new TempDir();
        var probe = new TorchNativeProbe(Path.Combine(empty.Path, "TorchSharp.dll"), "0.107.0", [empty.Path], empty.Path, [empty.Path]);
        Assert.Null(TorchNativeLocator.FindLibTorchSharpFolder(probe));
        Assert.Null(TorchNativeLocator.FindLibTorchFolder(probe, empty.Path));
        Assert.Null(TorchNativeProbe.PackageRootOf(Path.Combine(empty.Path, "TorchSharp.dll")));
    }
}
