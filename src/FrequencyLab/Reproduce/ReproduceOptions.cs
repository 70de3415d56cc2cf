using FrequencyLab.Engines.Fused;

namespace FrequencyLab.Reproduce;

/// <summary>What <see cref="ReproduceJob"/> runs and where.</summary>
/// <param name="OutputDirectory">The study folder: reproduce.json, data/, runs/, sweep-lr-seed/, notebooks/, index.html.</param>
/// <param name="RepositoryRoot">The checkout whose notebooks/ are executed and whose data/report/ holds the report's figures.</param>
public sealed record ReproduceOptions(string OutputDirectory, string RepositoryRoot)
{
    public ReproduceProfile Profile { get; init; } = ReproduceProfile.Full;

    /// <summary>Engine of the proposed fix and the sweep; the report's own run always uses TorchSharp, as the report did.</summary>
    public string Engine { get; init; } = FusedEngine.EngineName;

    /// <summary>Sweep points trained at once.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs and reads the notebooks (FrequencyLab.Notebooks); without it the notebooks stage cannot run and the page
    /// lists no notebooks.</summary>
    public INotebookExecutor? Notebooks { get; init; }

    public ReproduceOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new InvalidSpecException("reproduce: no output folder");
        if (Jobs < 1) throw new InvalidSpecException($"reproduce: --jobs {Jobs} must be at least 1");
        Engines.EngineFactory.EnsureKnown(Engine);
        if (!Directory.Exists(Path.Combine(RepositoryRoot, "notebooks")))
            throw new FrequencyLabException($"reproduce: {RepositoryRoot} has no notebooks/ folder (run from the FrequencyNotebooks checkout)");
        return this;
    }

    /// <summary>The checkout above <paramref name="start"/> (the folder holding FrequencyNotebooks.sln), or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FrequencyNotebooks.sln"))) return dir.FullName;
        return null;
    }
}
