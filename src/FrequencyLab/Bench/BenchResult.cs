namespace FrequencyLab.Bench;

/// <summary>The rows <c>freqlab bench</c> measures, by stable name.</summary>
public static class BenchEngines
{
    /// <summary>TorchSharp engine (libtorch, 1 intra-op thread), one model.</summary>
    public const string TorchSharp = "torchsharp";
    /// <summary>Fused engine, one model, one thread.</summary>
    public const string Fused = "fused";
    /// <summary>The same K fused models on one worker: the single-core baseline of the sweep's scaling.</summary>
    public const string FusedSweepOneCore = "fused-sweep-1";
    /// <summary>K fused models stepped together, one worker per core (what a sweep runs).</summary>
    public const string FusedSweep = "fused-sweep";
    /// <summary>K runs of the trainer batched over the same rows (<see cref="Training.BatchedTrainer"/>, what the grid runner
    /// runs): each an epoch of training rows and then its frozen evaluation over the training and test rows, one worker per
    /// core. Steps count training rows; the frozen passes (two forward rows per training row) are in its CPU time.</summary>
    public const string FusedBatch = "fused-batch";
    /// <summary>scripts/bench_pytorch.py under /usr/bin/python3, torch.set_num_threads(1).</summary>
    public const string PyTorch = "pytorch";
    /// <summary>TorchSharp engine training by truncated BPTT over windows of <see cref="BenchSettings.Window"/> rows.</summary>
    public const string TorchSharpWindow = "torchsharp-window";
    /// <summary>Fused engine training by truncated BPTT over windows of <see cref="BenchSettings.Window"/> rows.</summary>
    public const string FusedWindow = "fused-window";
    /// <summary>scripts/bench_pytorch.py --window L: the same windowed loop in PyTorch, one thread.</summary>
    public const string PyTorchWindow = "pytorch-window";

    public static IReadOnlyList<string> All { get; } = [TorchSharp, Fused, FusedSweepOneCore, FusedSweep, FusedBatch, PyTorch, TorchSharpWindow, FusedWindow, PyTorchWindow];

    /// <summary>The windowed rows: measured in training rows (one step per window), compared with each other.</summary>
    public static IReadOnlyList<string> Windowed { get; } = [TorchSharpWindow, FusedWindow, PyTorchWindow];

    /// <summary>True for a row of <see cref="Windowed"/>.</summary>
    public static bool IsWindowed(string engine) => Windowed.Contains(engine);
}

/// <summary>What to measure.</summary>
/// <param name="Steps">Timed training rows per model (one ForwardBackward + OptimizerStep each; the windowed rows round up
/// to whole windows).</param>
/// <param name="Models">Models in the fused-sweep row.</param>
/// <param name="Workers">Threads of the fused-sweep row (default one per core).</param>
/// <param name="WarmupSeconds">Untimed warm-up per row (JIT tiers, caches).</param>
/// <param name="EpochRows">Rows of the epoch that "seconds per epoch" refers to (the report's 40,000).</param>
/// <param name="Window">Rows per window of the windowed rows (truncated BPTT; the L = 100, at which PyTorch takes
/// about 8 s per 40,000-row epoch); it must divide the 40,000 rows so the rows cycle in whole windows.</param>
public sealed record BenchSettings(int Steps = 4_000, int Models = 32, int? Workers = null, double WarmupSeconds = 1.0, int EpochRows = 40_000,
    int Window = 100)
{
    /// <summary>Timed rows of a windowed row: <see cref="Steps"/> rounded up to whole windows.</summary>
    public int WindowedSteps => (Steps + Window - 1) / Window * Window;

    public int EffectiveWorkers => Workers ?? Environment.ProcessorCount;

    public BenchSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid bench: {m}");
        if (Steps < 1) Fail($"steps {Steps} must be at least 1");
        if (Models < 1) Fail($"models {Models} must be at least 1");
        if (Workers is < 1) Fail($"workers {Workers} must be at least 1");
        if (!(WarmupSeconds >= 0) || !double.IsFinite(WarmupSeconds)) Fail($"warm-up seconds {WarmupSeconds} must be a non-negative number");
        if (EpochRows < 1) Fail($"epoch rows {EpochRows} must be at least 1");
        if (Window < 1 || 40_000 % Window != 0) Fail($"window {Window} must be at least 1 and divide the 40,000 rows");
        return this;
    }
}

/// <summary>One engine's measurement (or why there is none).</summary>
/// <param name="Engine">One of <see cref="BenchEngines"/>.</param>
/// <param name="Description">What ran, in words.</param>
/// <param name="Available">False when the engine could not run here (see <paramref name="Reason"/>).</param>
/// <param name="Reason">Why it is not available.</param>
/// <param name="Models">Models stepped.</param>
/// <param name="Workers">Threads stepping them.</param>
/// <param name="ModelSteps">Timed steps summed over models.</param>
/// <param name="WallSeconds">Elapsed time of the timed steps.</param>
/// <param name="CpuSeconds">CPU time of the timed steps (the thread's for one model, the process's for the sweep).</param>
/// <param name="AllocatedBytesPerStep">Managed bytes allocated per step on the stepping thread (null where not measurable:
/// Python, and the multi-threaded sweep).</param>
/// <param name="PeakWorkingSetBytes">Peak resident set of the process that ran only this row (VmHWM / ru_maxrss): runtime,
/// libraries, the rows and the models.</param>
/// <param name="EpochRows">Rows of one epoch (for <see cref="EpochSeconds"/>).</param>
public sealed record BenchRow(
    string Engine, string Description, bool Available, string? Reason, int Models, int Workers, long ModelSteps,
    double WallSeconds, double CpuSeconds, double? AllocatedBytesPerStep, long? PeakWorkingSetBytes, int EpochRows = 40_000)
{
    /// <summary>Model-steps per wall second.</summary>
    public double StepsPerSecond => Available ? ModelSteps / WallSeconds : double.NaN;
    /// <summary>Model-steps per CPU second: on a shared machine, the rate the code runs at when it gets a core.</summary>
    public double StepsPerCpuSecond => Available ? ModelSteps / CpuSeconds : double.NaN;
    /// <summary>Wall seconds per epoch of <see cref="EpochRows"/> rows per model, with all of this row's models and workers
    /// (for the sweep: model-epochs, so K models take K times this).</summary>
    public double EpochSeconds => EpochRows / StepsPerSecond;
    /// <summary>CPU seconds per wall second: how many cores the row actually got (on a shared machine, less than it asked for).</summary>
    public double CoresUsed => Available ? CpuSeconds / WallSeconds : double.NaN;
    /// <summary>CPU seconds one model needs for one epoch.</summary>
    public double EpochCpuSeconds => EpochRows / StepsPerCpuSecond;

    public static BenchRow NotAvailable(string engine, string description, string reason, int epochRows = 40_000) =>
        new(engine, description, false, reason, 0, 0, 0, 0, 0, null, null, epochRows);
}

/// <summary>A row's speed relative to the TorchSharp and PyTorch rows (null where a reference is missing).</summary>
/// <param name="Engine">The row.</param>
/// <param name="VsTorchSharp">Steps per CPU second ÷ TorchSharp's.</param>
/// <param name="VsPyTorch">Steps per CPU second ÷ PyTorch's.</param>
/// <param name="VsTorchSharpWall">Steps per wall second ÷ TorchSharp's.</param>
/// <param name="VsPyTorchWall">Steps per wall second ÷ PyTorch's.</param>
public sealed record BenchComparison(string Engine, double? VsTorchSharp, double? VsPyTorch, double? VsTorchSharpWall, double? VsPyTorchWall);

/// <summary>One of the performance targets next to the measured value: a report, not a test.</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Target">The target, in words.</param>
/// <param name="Measured">The measured value (null when the bench did not measure it in this run).</param>
/// <param name="Met">True / false, or null when not measured.</param>
/// <param name="Note">How it was measured, or what to run to measure it.</param>
/// <param name="Unit">Unit of <paramref name="Measured"/>: "×", "bytes" or "MB".</param>
public sealed record BenchTarget(string Name, string Target, double? Measured, bool? Met, string Note, string Unit);

/// <summary>The machine a bench ran on.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Cpu">CPU model name (from /proc/cpuinfo), when known.</param>
/// <param name="LoadAverage">1-minute load average when the bench started (other work on the machine), when known.</param>
/// <param name="Runtime">.NET runtime.</param>
/// <param name="OS">Operating system.</param>
public sealed record BenchMachine(int Cores, string? Cpu, double? LoadAverage, string Runtime, string OS)
{
    public static BenchMachine Capture()
    {
        string? cpu = null;
        double? load = null;
        try { cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim(); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        try
        {
            if (double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var l)) load = l;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new BenchMachine(Environment.ProcessorCount, cpu, load,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }
}

/// <summary>Everything <c>freqlab bench</c> prints: machine, settings, one row per engine, ratios and targets.</summary>
public sealed record BenchReport(BenchMachine Machine, BenchSettings Settings, IReadOnlyList<BenchRow> Rows,
    IReadOnlyList<BenchComparison> Comparisons, IReadOnlyList<BenchTarget> Targets);
