using System.Text;
using FrequencyLab.Native;
using TorchSharp;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Native;

public sealed class TorchRuntimeTests(ITestOutputHelper output)
{
    [Fact]
    public void Torchsharp_loads_and_computes_after_EnsureLoaded()
    {
        var status = TorchRuntime.EnsureLoaded();
        output.WriteLine(status.ToString());
        Assert.Same(status, TorchRuntime.EnsureLoaded());

        // An oracle independent of ElfImage: the version name appears in libstdc++'s string table iff it defines it.
        Assert.NotNull(status.LibStdCxx);
        bool systemHas3432 = Encoding.ASCII.GetString(File.ReadAllBytes(status.LibStdCxx!)).Contains(GlibcxxVersionPatch.MissingVersion + "\0");
        Assert.Equal(systemHas3432 ? TorchRuntimeMode.AsShipped : TorchRuntimeMode.Patched, status.Mode);
        if (status.Mode == TorchRuntimeMode.Patched)
        {
            Assert.StartsWith(TorchRuntime.CacheRoot, status.LoadedLibrary);
            Assert.DoesNotContain(".nuget", status.LoadedLibrary!);
        }

        using var x = torch.arange(1f, 5f);
        using var y = (x * x).sum();
        Assert.Equal(30f, y.item<float>());
    }

    [Fact]
    public void Patched_copy_is_cached_by_the_originals_hash_and_reused()
    {
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(typeof(torch).Assembly)!;
        var original = Path.Combine(folder, TorchNativeLocator.LibTorchSharp);
        var bytes = File.ReadAllBytes(original);
        var first = TorchRuntime.WritePatchedCopy(original, bytes);
        var stamp = File.GetLastWriteTimeUtc(first);
        var second = TorchRuntime.WritePatchedCopy(original, bytes);
        Assert.Equal(first, second);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second));
        Assert.Equal(GlibcxxVersionPatch.Apply(bytes, original), File.ReadAllBytes(first));
        Assert.Equal(bytes, File.ReadAllBytes(original));
    }
}
