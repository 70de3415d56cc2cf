using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;
using FrequencyLab.Signals;

namespace FrequencyLab.Bench;

/// <summary>
/// The engines of <c>freqlab bench</c> side by side on the same rows (the report's training set: seed 1, blocks order) and
/// the same initial weights (PyTorch default init, seed 1): each row is measured by <see cref="Measure"/> (the .NET engines,
/// through <see cref="BenchRunner"/>) or <see cref="MeasurePyTorch"/>, and <see cref="Assemble"/> adds ratios and the
/// issue's targets. Meant to be called once per process per row, so each row's peak working set is its own.
/// </summary>
public static class BenchSuite
{
    /// <summary>The Debian interpreter that has python3-torch.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>How long one PyTorch row may run before its script is killed: a full epoch (40,000 steps) takes well under a
    /// minute on one core, so ten minutes means the script is stuck, not slow.</summary>
    public static readonly TimeSpan DefaultPyTorchTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Measures one .NET row (<see cref="BenchEngines.TorchSharp"/>, <see cref="BenchEngines.Fused"/>,
    /// <see cref="BenchEngines.FusedSweep"/>, or a windowed one: <see cref="BenchEngines.TorchSharpWindow"/>,
    /// <see cref="BenchEngines.FusedWindow"/>) in this process.</summary>
    public static BenchRow Measure(string engine, BenchSettings settings, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        var shape = ModelShape.Report;
        var (x, y) = Rows();
        var weights = ModelInitializer.PyTorchDefault(shape, 1);
        var options = new BenchOptions(Rows: settings.Steps, WarmupRows: 400, WarmupSeconds: settings.WarmupSeconds);
        EngineBenchResult r;
        string description;
        switch (engine)
        {
            case BenchEngines.TorchSharp:
            {
                using var e = new TorchEngine(shape, OptimizerSettings.Report, weights, new TorchEngineOptions(Threads: 1));
                r = BenchRunner.Measure(e, x, y, options, cancellationToken);
                description = "TorchSharp engine (nn.LSTM + autograd + optim.Adam), 1 thread";
                break;
            }
            case BenchEngines.Fused:
            {
                using var e = new FusedEngine(shape, OptimizerSettings.Report, weights);
                r = BenchRunner.Measure(e, x, y, options, cancellationToken);
                description = "fused engine, 1 model, 1 thread";
                break;
            }
            case BenchEngines.TorchSharpWindow:
            {
                using var e = new TorchEngine(shape, OptimizerSettings.Report, weights, new TorchEngineOptions(Threads: 1));
                r = BenchRunner.MeasureWindows(e, x, y, settings.Window, options with { Rows = settings.WindowedSteps }, cancellationToken);
                description = $"TorchSharp engine, truncated BPTT L = {settings.Window} (nn.LSTM over the window + autograd + optim.Adam), 1 thread";
                break;
            }
            case BenchEngines.FusedWindow:
            {
                using var e = new FusedEngine(shape, OptimizerSettings.Report, weights);
                r = BenchRunner.MeasureWindows(e, x, y, settings.Window, options with { Rows = settings.WindowedSteps }, cancellationToken);
                description = $"fused engine, truncated BPTT L = {settings.Window}, 1 thread";
                break;
            }
            case BenchEngines.FusedSweep or BenchEngines.FusedSweepOneCore:
            {
                int workers = engine == BenchEngines.FusedSweep ? settings.EffectiveWorkers : 1;
                var members = Enumerable.Range(1, settings.Models).Select(s => ModelInitializer.PyTorchDefault(shape, (ulong)s)).ToArray();
                using var ensemble = new FusedEnsemble(shape, OptimizerSettings.Report, members, workers);
                r = BenchRunner.MeasureEnsemble(ensemble, x, y, options, cancellationToken);
                description = $"fused sweep: {settings.Models} models, {workers} worker(s), same rows";
                break;
            }
            case BenchEngines.FusedBatch:
            {
                r = BenchRunner.MeasureBatch(settings.Models, settings.Steps, settings.EffectiveWorkers, settings.WarmupSeconds, cancellationToken);
                description = $"batched trainer: {settings.Models} runs over the same rows, each with its frozen evaluation (train + test), {settings.EffectiveWorkers} worker(s)";
                break;
            }
            default:
                throw new InvalidSpecException($"unknown bench engine '{engine}' (expected {string.Join(", ", BenchEngines.All)})");
        }
        return new BenchRow(engine, description, true, null, r.Models, r.Workers, r.ModelSteps, r.WallSeconds, r.CpuSeconds,
            double.IsNaN(r.AllocatedBytesPerStep) ? null : r.AllocatedBytesPerStep, r.PeakWorkingSetBytes, settings.EpochRows);
    }

    /// <summary>Runs <paramref name="script"/> (scripts/bench_pytorch.py) with <paramref name="python"/> on the same rows and
    /// weights; a row saying "not available" and why when the interpreter or torch is missing. With
    /// <paramref name="windowed"/>, the truncated-BPTT loop over windows of <see cref="BenchSettings.Window"/> rows
    /// (<see cref="BenchEngines.PyTorchWindow"/>).</summary>
    public static BenchRow MeasurePyTorch(BenchSettings settings, string script, string python = DefaultPython, CancellationToken cancellationToken = default,
        bool windowed = false, TimeSpan? timeout = null)
    {
        settings.Validate();
        var limit = timeout ?? DefaultPyTorchTimeout;
        if (!(limit > TimeSpan.Zero)) throw new InvalidSpecException($"PyTorch timeout {limit.TotalSeconds} s must be positive");
        string engine = windowed ? BenchEngines.PyTorchWindow : BenchEngines.PyTorch;
        string loop = windowed ? $"truncated BPTT L = {settings.Window}, " : "";
        string description = $"PyTorch (scripts/bench_pytorch.py), {loop}torch.set_num_threads(1)";
        if (!File.Exists(python)) return BenchRow.NotAvailable(engine, description, $"{python} not found (Debian: apt install python3-torch)", settings.EpochRows);
        if (!File.Exists(script)) return BenchRow.NotAvailable(engine, description, $"{script} not found", settings.EpochRows);
        var shape = ModelShape.Report;
        var (x, y) = Rows();
        var weights = ModelInitializer.PyTorchDefault(shape, 1);
        var dir = Directory.CreateTempSubdirectory("freqlab-bench-");
        try
        {
            var rowsPath = Path.Combine(dir.FullName, "rows.f32");
            var weightsPath = Path.Combine(dir.FullName, "weights.f32");
            WriteFloats(rowsPath, [.. x, .. y]);
            WriteFloats(weightsPath, weights);
            var psi = new ProcessStartInfo(python);
            foreach (var a in new[] { script, "--rows", rowsPath, "--row-count", y.Length.ToString(CultureInfo.InvariantCulture), "--weights", weightsPath,
                         "--input-size", shape.InputSize.ToString(CultureInfo.InvariantCulture), "--hidden", shape.HiddenSize.ToString(CultureInfo.InvariantCulture),
                         "--steps", (windowed ? settings.WindowedSteps : settings.Steps).ToString(CultureInfo.InvariantCulture),
                         "--window", (windowed ? settings.Window : 1).ToString(CultureInfo.InvariantCulture),
                         "--warmup-seconds", settings.WarmupSeconds.ToString("R", CultureInfo.InvariantCulture) })
                psi.ArgumentList.Add(a);
            var run = ChildProcess.Run(psi, limit, cancellationToken);
            if (run.TimedOut)
                throw new FrequencyLabException($"{script}: no result after {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; killed it and its child processes (raise --pytorch-timeout if the machine is this slow)");
            if (run.ExitCode != 0)
            {
                var err = run.StdErr;
                var reason = err.Contains("No module named 'torch'", StringComparison.Ordinal) || err.Contains("No module named 'numpy'", StringComparison.Ordinal)
                    ? $"{python} has no torch/numpy (Debian: apt install python3-torch)"
                    : $"{Path.GetFileName(script)} exited {run.ExitCode}: {LastLine(err)}";
                return BenchRow.NotAvailable(engine, description, reason, settings.EpochRows);
            }
            var result = PyTorchResult.Parse(run.StdOut, run.OutputTruncated, script);
            return new BenchRow(engine, $"PyTorch {result.Torch} (scripts/bench_pytorch.py), {loop}1 thread", true, null,
                1, result.Threads, result.Steps, result.Seconds, result.CpuSeconds, null, result.PeakRssBytes, settings.EpochRows);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Adds each row's speed relative to TorchSharp and PyTorch (a windowed row relative to their windowed rows: the
    /// same loop), and the issue's targets next to the measured values.</summary>
    public static BenchReport Assemble(BenchMachine machine, BenchSettings settings, IReadOnlyList<BenchRow> rows)
    {
        BenchRow? Row(string name) => rows.FirstOrDefault(r => r.Engine == name && r.Available);
        var torch = Row(BenchEngines.TorchSharp);
        var py = Row(BenchEngines.PyTorch);
        var fused = Row(BenchEngines.Fused);
        var sweep = Row(BenchEngines.FusedSweep);
        var torchWindow = Row(BenchEngines.TorchSharpWindow);
        var pyWindow = Row(BenchEngines.PyTorchWindow);
        var fusedWindow = Row(BenchEngines.FusedWindow);
        static double? Ratio(BenchRow r, BenchRow? reference, Func<BenchRow, double> rate) =>
            r.Available && reference is not null ? rate(r) / rate(reference) : null;
        var comparisons = rows.Select(r =>
        {
            var (t, p) = BenchEngines.IsWindowed(r.Engine) ? (torchWindow, pyWindow) : (torch, py);
            return new BenchComparison(r.Engine, Ratio(r, t, x => x.StepsPerCpuSecond), Ratio(r, p, x => x.StepsPerCpuSecond),
                Ratio(r, t, x => x.StepsPerSecond), Ratio(r, p, x => x.StepsPerSecond));
        }).ToArray();

        var targets = new List<BenchTarget>();
        double? fusedVsPy = fused is not null && py is not null ? fused.StepsPerCpuSecond / py.StepsPerCpuSecond : null;
        targets.Add(new BenchTarget("fused vs PyTorch, one core", "≥ 50× per epoch", fusedVsPy, fusedVsPy >= 50,
            py is null ? "PyTorch row not available" : "ratio of steps per CPU second (both single-threaded; CPU time is what each loop actually ran on a shared machine)", "×"));
        double? windowVsPy = fusedWindow is not null && pyWindow is not null ? fusedWindow.StepsPerCpuSecond / pyWindow.StepsPerCpuSecond : null;
        targets.Add(new BenchTarget($"fused vs PyTorch at L = {settings.Window}, one core", "> 1× (keep the speed lead)", windowVsPy, windowVsPy is null ? null : windowVsPy > 1,
            pyWindow is null ? "PyTorch window row not available" : "ratio of training rows per CPU second, truncated BPTT on both (one step per window)", "×"));
        targets.Add(new BenchTarget("fused bytes allocated per step", "0", fused?.AllocatedBytesPerStep, fused?.AllocatedBytesPerStep is { } b ? b == 0 : null,
            "GC.GetAllocatedBytesForCurrentThread over the timed steps", "bytes"));
        // Same K models, same rows, 1 worker vs all: only the worker count differs (and whatever else the machine ran meanwhile).
        var single = Row(BenchEngines.FusedSweepOneCore);
        double? scaling = single is not null && sweep is not null ? sweep.StepsPerSecond / single.StepsPerSecond : null;
        int cores = sweep?.Workers ?? settings.EffectiveWorkers;
        string Cores(BenchRow? r) => r?.CoresUsed.ToString("F2", CultureInfo.InvariantCulture) ?? "?";
        targets.Add(new BenchTarget($"sweep on {cores} cores vs 1 core", "≥ 1.8× (2 cores)", scaling,
            scaling is null ? null : scaling >= 1.8,
            $"model-steps per wall second, fused-sweep ÷ fused-sweep-1 (same {settings.Models} models); needs idle cores: they got {Cores(sweep)} and {Cores(single)} cores of CPU per wall second (load average at start {machine.LoadAverage?.ToString("F1", CultureInfo.InvariantCulture) ?? "?"} on {machine.Cores} cores)", "×"));
        double? fusedMb = fused?.PeakWorkingSetBytes / 1048576.0;
        targets.Add(new BenchTarget("peak working set, one fused run", "< 300 MB", fusedMb, fusedMb is null ? null : fusedMb < 300,
            "peak resident set of the process that ran only the fused row", "MB"));
        double? sweepMb = sweep is not null && sweep.Models == 32 ? sweep.PeakWorkingSetBytes / 1048576.0 : null;
        targets.Add(new BenchTarget("peak working set, 32-model sweep", "< 600 MB", sweepMb, sweepMb is null ? null : sweepMb < 600,
            sweep is null ? "sweep row not available" : sweep.Models == 32 ? "peak resident set of the process that ran only the 32-model sweep row (rows held once)" : $"the sweep row ran {sweep.Models} models; run with --models 32", "MB"));
        return new BenchReport(machine, settings, rows, comparisons, targets);
    }

    /// <summary>The report's training rows (seed 1, blocks order), float32.</summary>
    public static (float[] Inputs, float[] Targets) Rows()
    {
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        return (data.InputsAsSingle(), data.TargetsAsSingle());
    }

    private static void WriteFloats(string path, float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        IO.AtomicFile.WriteAllBytes(path, bytes);
    }

    private static string LastLine(string s) =>
        s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
}
