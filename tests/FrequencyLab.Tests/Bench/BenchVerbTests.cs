using System.Text.Json;
using FrequencyLab.Bench;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Bench;

/// <summary>
/// <c>freqlab bench</c> end to end on a short run: every engine row (the .NET ones in their own child processes, PyTorch
/// through /usr/bin/python3), ratios and targets, as JSON. It checks the shape and that the figures are sane, never speed.
/// </summary>
public class BenchVerbTests
{
    [Fact]
    public void A_short_bench_reports_every_engine_with_sane_figures()
    {
        var r = Freqlab.Run("bench", "--steps", "200", "--models", "4", "--warmup-seconds", "0.05", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var report = JsonSerializer.Deserialize<BenchReport>(r.StdOut, HistoryJson.Options)!;
        Assert.Equal(BenchEngines.All, report.Rows.Select(x => x.Engine));
        Assert.All(report.Rows, x => Assert.True(x.Available, $"{x.Engine}: {x.Reason}"));
        foreach (var row in report.Rows)
        {
            Assert.Equal(row.Engine.StartsWith("fused-sweep", StringComparison.Ordinal) || row.Engine == BenchEngines.FusedBatch ? 4 * 200 : 200, row.ModelSteps);
            Assert.True(row.WallSeconds > 0 && row.CpuSeconds > 0, row.Engine);
            Assert.True(row.PeakWorkingSetBytes > 10_000_000, $"{row.Engine}: peak working set {row.PeakWorkingSetBytes}");
        }
        var fused = report.Rows.Single(x => x.Engine == BenchEngines.Fused);
        var torch = report.Rows.Single(x => x.Engine == BenchEngines.TorchSharp);
        Assert.Equal(0, fused.AllocatedBytesPerStep);
        Assert.True(torch.AllocatedBytesPerStep > 0, "TorchSharp allocates tensor wrappers every step");
        Assert.Equal((4, 1), (report.Rows[2].Models, report.Rows[2].Workers));
        Assert.Equal((4, Environment.ProcessorCount), (report.Rows[3].Models, report.Rows[3].Workers));
        // The batched trainer's row: K runs with their frozen evaluation, so a step costs more CPU than a bare fused step.
        var batch = report.Rows.Single(x => x.Engine == BenchEngines.FusedBatch);
        Assert.Equal((4, Environment.ProcessorCount), (batch.Models, batch.Workers));
        Assert.Null(report.Rows.Single(x => x.Engine == BenchEngines.PyTorch).AllocatedBytesPerStep);

        // The raw JSON carries the derived rates too, for machines reading it.
        using var doc = JsonDocument.Parse(r.StdOut);
        foreach (var row in doc.RootElement.GetProperty("rows").EnumerateArray())
        {
            Assert.True(row.GetProperty("stepsPerSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("stepsPerCpuSecond").GetDouble() > 0);
            Assert.True(row.GetProperty("epochCpuSeconds").GetDouble() > 0);
        }
        var torchVsTorch = report.Comparisons.Single(c => c.Engine == BenchEngines.TorchSharp);
        Assert.Equal(1.0, torchVsTorch.VsTorchSharp!.Value, 12);
        Assert.All(report.Comparisons, c => Assert.True(c.VsPyTorch > 0 && c.VsTorchSharpWall > 0));
        // The windowed rows (L = 100 by default, 200 rows = 2 windows) compare with the windowed rows, not the L = 1 ones.
        Assert.Equal(100, report.Settings.Window);
        Assert.Equal(1.0, report.Comparisons.Single(c => c.Engine == BenchEngines.TorchSharpWindow).VsTorchSharp!.Value, 12);
        Assert.Equal(1.0, report.Comparisons.Single(c => c.Engine == BenchEngines.PyTorchWindow).VsPyTorch!.Value, 12);
        Assert.Equal(0, report.Rows.Single(x => x.Engine == BenchEngines.FusedWindow).AllocatedBytesPerStep);
        Assert.NotNull(report.Targets.Single(t => t.Name.Contains("L = 100")).Measured);
        Assert.Equal(6, report.Targets.Count);
        Assert.True(report.Targets.Single(t => t.Name.Contains("bytes")).Met);
        Assert.Null(report.Targets.Single(t => t.Name.Contains("32-model")).Met); // 4 models ran, so not measured
        Assert.Equal(Environment.ProcessorCount, report.Machine.Cores);
    }

    [Fact]
    public void The_table_names_every_engine_and_the_targets()
    {
        var r = Freqlab.Run("bench", "--steps", "100", "--models", "2", "--warmup-seconds", "0", "--in-process");
        Assert.True(r.ExitCode == 0, r.StdErr);
        foreach (var name in BenchEngines.All) Assert.Contains(name, r.StdOut);
        Assert.Contains("≥ 50× per epoch", r.StdOut);
        Assert.Contains("(--in-process", r.StdOut);
    }

    [Fact]
    public void Only_measures_one_row_as_json()
    {
        var r = Freqlab.Run("bench", "--only", "fused", "--steps", "100", "--warmup-seconds", "0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var row = JsonSerializer.Deserialize<BenchRow>(r.StdOut, HistoryJson.Options)!;
        Assert.Equal(("fused", 100L, true), (row.Engine, row.ModelSteps, row.Available));
    }

    [Theory]
    [InlineData("/nonexistent/bench.py: file not found", "--only", "pytorch", "--steps", "10", "--pytorch-script", "/nonexistent/bench.py")]
    public void Bad_options_are_one_line_exit_1(string expected, params string[] args)
    {
        var r = Freqlab.Run(["bench", .. args]);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error:", line);
        Assert.Contains(expected, line);
    }
}
