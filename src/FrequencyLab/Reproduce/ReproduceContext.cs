using System.Security.Cryptography;
using System.Text;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>What every stage shares: the options, the folder layout, and the configs of the study's runs (one place, so
/// that the stages, the notebooks' parameters and the page agree on them).</summary>
public sealed class ReproduceContext(ReproduceOptions options)
{
    public ReproduceOptions Options { get; } = options;
    public ReproduceProfile Profile => Options.Profile;
    public ReproduceLayout Layout { get; } = new(Path.GetFullPath(options.OutputDirectory));

    public const ulong TrainSeed = 1, TestSeed = 2;

    /// <summary>The rows every run trains on: the report's task generated from its seeds — the very rows of the data stage's
    /// files (which the notebooks and the validation read). Generated rather than read, so that a run of the study is the
    /// same run (<see cref="Grid.RunKey"/>) as the ledger's and the learnability matrix's, and is trained once.</summary>
    public TrainingDataConfig Data => new() { Spec = Profile.Spec, TrainSeed = TrainSeed, TestSeed = TestSeed };

    /// <summary>The folder of <paramref name="config"/>'s run in the study's store: the stored one, whoever trained it, or
    /// the folder <paramref name="name"/> it would be trained into.</summary>
    public string RunFolder(TrainingConfig config, string name) => Grid.RunStore.Open(Layout.Runs).Locate(config, name);

    /// <summary>The report's run's folder in the store.</summary>
    public string ReportRunFolder => RunFolder(ReportRun, ReproduceLayout.ReportRunName);

    /// <summary>The proposed fix's folder in the store.</summary>
    public string ProposedRunFolder => RunFolder(ProposedRun, ReproduceLayout.ProposedRunName);

    /// <summary>The report's run: Adam 1e-3, per-epoch reset, blocks order, on TorchSharp as the report ran it.</summary>
    public TrainingConfig ReportRun => TrainingConfig.Report with { Data = Data, Epochs = Profile.ReportRunEpochs, Engine = "torch" };

    /// <summary>The report's proposed fix (its §5.2): lr 1e-4, up to 50 epochs, early stopping patience 10, min_delta 1e-4.</summary>
    public TrainingConfig ProposedRun => TrainingConfig.Report with
    {
        Data = Data, Engine = Options.Engine, LearningRate = 1e-4, Epochs = Profile.ProposedEpochs,
        EarlyStopping = EarlyStoppingSettings.ReportPlan with { Patience = Profile.ProposedPatience },
    };

    /// <summary>The lr × seed sweep, to test "lr 1e-3 is too high" across seeds rather than on one run.</summary>
    public SweepGrid SweepGrid => new()
    {
        Base = TrainingConfig.Report with { Data = Data, Engine = Options.Engine, Epochs = Profile.SweepEpochs },
        LearningRates = Profile.SweepLearningRates,
        InitSeeds = Profile.SweepSeeds,
    };

    /// <summary>SHA-256 (hex, 16 characters) of the given texts, for stage fingerprints.</summary>
    public static string Hash(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0001", parts)));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    /// <summary>The SHA-256 of a file, or "absent".</summary>
    public static string HashFile(string path)
    {
        if (!File.Exists(path)) return "absent";
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
