using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>Still running, or interrupted by a crash: the history is what the last checkpoint saw.</summary>
    Running,
    /// <summary>All configured epochs ran.</summary>
    Completed,
    EarlyStopping,
    /// <summary>The train loss became NaN or infinite.</summary>
    NonFinite,
    /// <summary>Cancelled (Ctrl+C); a checkpoint was written and the run can be resumed.</summary>
    Cancelled,
}

/// <summary>Where one set of rows came from.</summary>
/// <param name="Source">"generated" (spec + seed) or "file".</param>
/// <param name="Rows">Rows used (after --max-rows).</param>
/// <param name="Seed">The generator seed, when generated or known from a sidecar.</param>
/// <param name="Path">The file, when read from one.</param>
/// <param name="Sha256">The file's SHA-256, when read from one.</param>
public sealed record DataProvenance(string Source, int Rows, ulong? Seed = null, string? Path = null, string? Sha256 = null);

/// <summary>A resume on another engine: epochs up to <paramref name="AfterEpoch"/> ran on <paramref name="From"/>, later ones on <paramref name="To"/>.</summary>
public sealed record EngineSwitch(int AfterEpoch, string From, string To);

/// <summary>What ran the experiment: engine, the versions of the assemblies that compute its numbers, runtime and OS, and
/// what decides its float numerics on this machine.</summary>
/// <param name="Engine">The engine's name ("torch", "fused").</param>
/// <param name="Versions">Informational versions of the assemblies that compute the numbers (<see cref="Capture(string)"/>).</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="OS">Operating system description.</param>
/// <param name="Numerics">CPU, vector ISA, libtorch version and threads (<see cref="NumericsEnvironment"/>); null in histories
/// written before it was recorded, which stay readable.</param>
public sealed record RunEnvironment(string Engine, IReadOnlyDictionary<string, string> Versions, string Runtime, string OS,
    NumericsEnvironment? Numerics = null)
{
    /// <summary><see cref="Capture(string)"/> for a live engine, with its <see cref="NumericsEnvironment"/>.</summary>
    public static RunEnvironment Capture(ITrainingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Capture(engine.Name) with { Numerics = NumericsEnvironment.Capture(engine) };
    }

    /// <summary>Informational versions (with the commit) of FrequencyLab, TorchSharp and System.Numerics.Tensors, and of
    /// the host program (the entry assembly, e.g. freqlab). A fixed set, whatever else the process happened to load, so
    /// identical runs in one program record identical environments.</summary>
    public static RunEnvironment Capture(string engine)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // typeof(...).Assembly names the managed assembly only; it does not load libtorch.
        foreach (var asm in new[] { typeof(RunEnvironment).Assembly, typeof(TorchSharp.torch).Assembly,
                     typeof(System.Numerics.Tensors.TensorPrimitives).Assembly, System.Reflection.Assembly.GetEntryAssembly() })
        {
            if (asm?.GetName().Name is not { } name) continue;
            var info = asm.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
            versions[name] = info ?? asm.GetName().Version?.ToString() ?? "unknown";
        }
        return new RunEnvironment(engine, versions, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }
}

/// <summary>
/// One run's record: the config that reruns it, where the data came from, what ran it, and one <see cref="EpochRecord"/>
/// per completed epoch. Written as history.json by <see cref="HistoryJson"/>.
/// </summary>
public sealed record TrainingHistory
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required TrainingConfig Config { get; init; }
    public required DataProvenance TrainData { get; init; }
    public required DataProvenance TestData { get; init; }
    public required RunEnvironment Environment { get; init; }
    /// <summary>The statistics S was standardised with (fitted on the training rows) when the config asks for
    /// <see cref="InputScaling.Standardize"/>; null otherwise. A resume and <see cref="FrozenPredictions"/> use these numbers.</summary>
    public InputStandardization? InputScale { get; init; }
    public IReadOnlyList<EpochRecord> Epochs { get; init; } = [];
    public StopReason Stop { get; init; } = StopReason.Running;
    /// <summary>One line on why the run stopped (null while running or when it completed).</summary>
    public string? StopMessage { get; init; }
    /// <summary>Resumes on another engine, in order. <see cref="Environment"/> names the engine the run started on;
    /// <see cref="Config"/> the one it ended on.</summary>
    public IReadOnlyList<EngineSwitch> EngineSwitches { get; init; } = [];

    /// <summary>The epoch with the lowest monitored value (null when none is finite).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public EpochRecord? Best => Epochs.Where(e => double.IsFinite(e.Monitored(Config.Monitor)))
        .OrderBy(e => e.Monitored(Config.Monitor)).ThenBy(e => e.Epoch).FirstOrDefault();
}
