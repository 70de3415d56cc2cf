using System.Runtime.Intrinsics.X86;
using FrequencyLab.Native;
using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>The machine and software a study ran on, for the page (results can differ in the last bits across CPUs).</summary>
public sealed record StudyEnvironment(string Cpu, string Isa, int Cores, string OS, string Runtime, string? LibTorch, string PlotlyJs,
    IReadOnlyDictionary<string, string> Versions)
{
    public static StudyEnvironment Capture()
    {
        var machine = Bench.BenchMachine.Capture();
        var isa = new List<string>();
        if (Avx512F.IsSupported) isa.Add("AVX-512F");
        if (Avx2.IsSupported) isa.Add("AVX2");
        if (Fma.IsSupported) isa.Add("FMA");
        if (isa.Count == 0) isa.Add(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
        string? libtorch = null;
        try { libtorch = TorchNativeLocator.LibTorchVersion(TorchNativeProbe.ForProcess(typeof(TorchSharp.torch).Assembly)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { }
        return new StudyEnvironment(machine.Cpu ?? "unknown", string.Join(", ", isa), machine.Cores, machine.OS, machine.Runtime, libtorch,
            Charts.PlotlyJs.Version, RunEnvironment.Capture("").Versions);
    }
}
