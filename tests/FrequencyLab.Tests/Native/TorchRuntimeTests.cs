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
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(TorchNativeProbe.ForProcess(typeof(torch).Assembly))!;
        var original = Path.Combine(folder, TorchNativeLocator.LibTorchSharp);
        var bytes = File.ReadAllBytes(original);
        var first = TorchRuntime.WritePatchedCopy(original, bytes, TorchRuntime.CacheRoot);
        var stamp = File.GetLastWriteTimeUtc(first);
        var second = TorchRuntime.WritePatchedCopy(original, bytes, TorchRuntime.CacheRoot);
        Assert.Equal(first, second);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second));
        Assert.Equal(GlibcxxVersionPatch.Apply(bytes, original), File.ReadAllBytes(first));
        Assert.Equal(bytes, File.ReadAllBytes(original));
    }

    [Fact]
    public void Unwritable_cache_fails_with_one_line_naming_the_path()
    {
        using var dir = new FrequencyLab.Tests.TestSupport.TempDir();
        var original = dir.File("libLibTorchSharp.so");
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(TorchNativeProbe.ForProcess(typeof(torch).Assembly))!;
        var bytes = File.ReadAllBytes(Path.Combine(folder, TorchNativeLocator.LibTorchSharp));
        // A regular file where the cache folder would be: the copy cannot be written, whoever runs the test.
        var blocked = dir.File("cache");
        File.WriteAllText(blocked, "not a folder");
        var message = Assert.Throws<FrequencyLabException>(() => TorchRuntime.WritePatchedCopy(original, bytes, Path.Combine(blocked, "freqlab", "native"))).Message;
        output.WriteLine(message);
        Assert.DoesNotContain('\n', message);
        Assert.Contains(blocked, message);
        Assert.Contains(TorchRuntime.DisableVariable, message);
    }
}
