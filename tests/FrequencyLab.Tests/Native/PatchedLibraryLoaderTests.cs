using FrequencyLab.Native;
using TorchSharp;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Native;

/// <summary>
/// The loader's own verdict, from a separate process (Debian's python3 with ctypes) so nothing this test host already
/// loaded interferes: the shipped library fails with "GLIBCXX_3.4.32 not found" exactly when libstdc++ lacks it, and the
/// patched copy loads with every symbol bound at load time (LD_BIND_NOW=1).
/// </summary>
public sealed class PatchedLibraryLoaderTests(ITestOutputHelper output)
{
    private const string Probe = """
        import ctypes, os, sys
        torch_dir, library = sys.argv[1], sys.argv[2]
        for dep in ("libc10.so", "libtorch_cpu.so", "libtorch.so"):
            ctypes.CDLL(os.path.join(torch_dir, dep), mode=ctypes.RTLD_GLOBAL)
        try:
            ctypes.CDLL(library)
            print("loaded")
        except OSError as e:
            print("failed: " + str(e))
        """;

    [Fact]
    public void Shipped_library_fails_and_patched_copy_loads_with_LD_BIND_NOW()
    {
        var status = TorchRuntime.EnsureLoaded();
        var probe = TorchNativeProbe.ForProcess(typeof(torch).Assembly);
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(probe)!;
        var torchFolder = TorchNativeLocator.FindLibTorchFolder(probe, folder)!;
        var original = Path.Combine(folder, TorchNativeLocator.LibTorchSharp);
        var patched = TorchRuntime.WritePatchedCopy(original, File.ReadAllBytes(original), TorchRuntime.CacheRoot);
        using var dir = new TestSupport.TempDir();
        var script = dir.File("probe.py");
        File.WriteAllText(script, Probe);

        // Its own environment, not this process's: other tests start processes in parallel.
        string Load(string library)
        {
            var psi = new System.Diagnostics.ProcessStartInfo(TestSupport.Python.Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script); psi.ArgumentList.Add(torchFolder); psi.ArgumentList.Add(library);
            psi.Environment["LD_BIND_NOW"] = "1";
            using var p = System.Diagnostics.Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "probe did not finish");
            Assert.True(p.ExitCode == 0, stderr.Result);
            return stdout.Trim();
        }
        var shipped = Load(original);
        var copy = Load(patched);
        output.WriteLine($"shipped: {shipped}");
        output.WriteLine($"patched: {copy}");

        Assert.Equal("loaded", copy);
        if (status.Mode == TorchRuntimeMode.Patched)
        {
            Assert.StartsWith("failed:", shipped);
            Assert.Contains("GLIBCXX_3.4.32' not found", shipped);
        }
        else Assert.Equal("loaded", shipped);
    }
}
