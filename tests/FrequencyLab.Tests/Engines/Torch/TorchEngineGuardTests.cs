using System.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Engines.Torch;

/// <summary>The numerics guard a torch engine runs when it is built (<see cref="TorchNumericsGuard"/>).</summary>
public sealed class TorchEngineGuardTests(ITestOutputHelper output)
{
    private static readonly ModelShape Shape = new(5, 8);

    [Theory]
    [InlineData("evaluation", 0f, -0.0339f)]   // the AVX-512 bug's size at H = 8: ŷ −0.4255 where the reference says −0.4594
    [InlineData("training", 0.0339f, 0f)]
    [InlineData("evaluation", 0f, 1e-4f)]      // small, but far beyond float32 rounding
    public void An_engine_with_a_wrong_forward_is_refused_with_one_line_naming_the_cpu_and_the_remedy(string path, float training, float evaluation)
    {
        var weights = ModelInitializer.PyTorchDefault(Shape, 1);
        var e = Assert.Throws<TorchNumericsException>(() =>
            new TorchEngine(Shape, OptimizerSettings.Report, weights, null, new TorchStepFault(training, evaluation)));
        output.WriteLine(e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains($"{path} forward", e.Message);
        Assert.Contains(CpuDescription.Current().ToString(), e.Message);
        Assert.Contains("hidden size 8", e.Message);
        Assert.Contains("--engine fused", e.Message);
        Assert.IsAssignableFrom<FrequencyLabException>(e);   // the CLI prints it as one line and exits 1
    }

    [Fact]
    public void The_lstm_cell_kernel_is_guarded_and_named_too()
    {
        var weights = ModelInitializer.PyTorchDefault(Shape, 1);
        var e = Assert.Throws<TorchNumericsException>(() => new TorchEngine(Shape, OptimizerSettings.Report, weights,
            new TorchEngineOptions(Kernel: TorchLstmKernel.LstmCell), new TorchStepFault(Training: 0.0339f)));
        Assert.Contains("training forward (nn.LSTMCell with autograd)", e.Message);
        using var honest = new TorchEngine(Shape, OptimizerSettings.Report, weights, new TorchEngineOptions(Kernel: TorchLstmKernel.LstmCell));
        Assert.True(ForwardCheck.Compare(Shape, weights, ForwardProbe.For(Shape), honest.ProbeTraining(ForwardProbe.For(Shape))).Agrees);
    }

    [Fact]
    public void A_fault_inside_float_rounding_is_accepted()
    {
        // One ulp of ŷ is rounding, not an error: the guard must not refuse engines for it.
        var weights = ModelInitializer.PyTorchDefault(Shape, 1);
        using var probe = new TorchEngine(Shape, OptimizerSettings.Report, weights);
        float y = probe.ProbeEvaluation(ForwardProbe.For(Shape)).Prediction;
        using var engine = new TorchEngine(Shape, OptimizerSettings.Report, weights, null, new TorchStepFault(Evaluation: MathF.BitIncrement(y) - y));
        Assert.Equal(Shape, engine.Shape);
    }

    [Fact]
    public void The_remedy_caps_libtorch_at_avx2_on_avx512_cpus_and_names_the_fused_engine_everywhere()
    {
        var avx512 = new CpuDescription("AMD EPYC 9654", "avx512", ["avx2", "avx512f"]);
        var avx2 = new CpuDescription("AMD EPYC", "avx2", ["avx2"]);
        Assert.Contains("DNNL_MAX_CPU_ISA=AVX2", TorchNumericsGuard.Remedy(avx512));
        Assert.DoesNotContain("DNNL_MAX_CPU_ISA", TorchNumericsGuard.Remedy(avx2));
        Assert.All(new[] { avx512, avx2 }, c => Assert.Contains("--engine fused", TorchNumericsGuard.Remedy(c)));
    }

    [Fact]
    public void The_guard_costs_far_less_than_one_percent_of_an_epoch()
    {
        // Process CPU time (a loaded machine inflates both sides alike) of: building an engine at a shape this process has
        // not run yet, guard included, so libtorch's first-call set-up is paid as in real use; the guard alone on a warm
        // engine; and 400 training rows, scaled to the report's 40,000-row epoch.
        var shape = new ModelShape(5, 65);
        var weights = ModelInitializer.PyTorchDefault(shape, 3);
        var cpu = Process.GetCurrentProcess();
        double Cpu() { cpu.Refresh(); return cpu.TotalProcessorTime.TotalSeconds; }

        double t0 = Cpu();
        using var engine = new TorchEngine(shape, OptimizerSettings.Report, weights);
        double construction = Cpu() - t0;
        t0 = Cpu();
        TorchNumericsGuard.Ensure(shape, weights, engine.ProbeTraining, engine.ProbeEvaluation, CpuDescription.Current);
        double guard = Cpu() - t0;

        var (x, y) = ParityLoop.Rows(400);
        t0 = Cpu();
        for (int r = 0; r < 400; r++)
        {
            engine.ForwardBackward(x.AsSpan(r * 5, 5), y[r]);
            engine.OptimizerStep(1e-3f, 1f);
        }
        double epoch = (Cpu() - t0) * 40_000 / 400;
        output.WriteLine($"engine construction with the guard {construction * 1e3:F1} ms CPU, guard alone (warm) {guard * 1e3:F2} ms; " +
                         $"a 40,000-row epoch ≈ {epoch:F1} s CPU (400 rows measured); construction / epoch {construction / epoch:E1}");
        Assert.True(construction < 0.01 * epoch, $"construction {construction:F3} s against an epoch of {epoch:F1} s");
    }
}
