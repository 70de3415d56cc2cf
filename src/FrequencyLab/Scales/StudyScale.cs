using FrequencyLab.Claims;
using FrequencyLab.Learnability;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Scales;

/// <summary>
/// One named scale (a row of <see cref="StudyScales"/>): how big every experiment of a study is. The study's runs, the claims
/// ledger, the learnability matrix and the notebooks all read their sizes from the same row, so a quick study's verdicts come
/// from one quick task and its label names that task once. Built only by <see cref="StudyScales"/>, which derives
/// <see cref="Ledger"/> and <see cref="Learnability"/> from the row's shared numbers.
/// </summary>
/// <param name="Name">"full", "quick" or "tiny": shown on the page, recorded in the manifest, named in every label.</param>
/// <param name="SignalSeconds">Seconds of signal per frequency of the task (the report: 10 s at 1000 Hz, 40,000 rows). Shorter
/// signals keep every frequency (taking the first rows of the blocks order would keep only 1 Hz).</param>
/// <param name="InitSeeds">Init seeds of every judged experiment: the ledger's and the learnability matrix's.</param>
/// <param name="ShortEpochs">Epochs of the report's run and of the hypothesis experiments (the report ran 5).</param>
/// <param name="LongEpochs">Epoch budget of the proposed fix, the prescribed restart and its contingencies (the report: 50).</param>
/// <param name="Patience">Early-stopping patience of the proposed fix (the report's §5.2: 10).</param>
/// <param name="WarmupEpochs">Warm-up of the report's Plan C (10 epochs in the report).</param>
/// <param name="SweepLearningRates">Learning rates of the study's lr × seed sweep.</param>
/// <param name="SweepSeeds">Init seeds of the sweep.</param>
/// <param name="SweepEpochs">Epochs of every sweep point.</param>
/// <param name="Ledger">The claims ledger at this scale.</param>
/// <param name="Learnability">The learnability matrix at this scale.</param>
public sealed record StudyScale(
    string Name,
    double SignalSeconds,
    IReadOnlyList<ulong> InitSeeds,
    int ShortEpochs,
    int LongEpochs,
    int Patience,
    int WarmupEpochs,
    IReadOnlyList<double> SweepLearningRates,
    IReadOnlyList<ulong> SweepSeeds,
    int SweepEpochs,
    LedgerSettings Ledger,
    LearnabilitySettings Learnability)
{
    /// <summary>Whether this is anything but the report's scale (pages and notebooks say so).</summary>
    public bool IsReduced => Name != StudyScales.FullName;

    /// <summary>The task at this scale: the report's frequencies, rate and noise, <see cref="SignalSeconds"/> long.</summary>
    public SignalSpec Spec => SignalSpec.Default with { Duration = SignalSeconds };

    /// <summary>The report's proposed fix (its §5.2) at this scale, on the fused engine: lr 1e-4, up to <see cref="LongEpochs"/>
    /// epochs, early stopping with <see cref="Patience"/>, generated train (seed 1) and test (seed 2) rows. What notebook 05
    /// trains when it is given no run; the study's proposed-fix stage trains the same on its data files.</summary>
    public TrainingConfig ProposedFix => TrainingConfig.Report with
    {
        Engine = Engines.Fused.FusedEngine.EngineName, LearningRate = 1e-4, Epochs = LongEpochs,
        EarlyStopping = EarlyStoppingSettings.ReportPlan with { Patience = Patience },
        Data = new TrainingDataConfig { Spec = Spec },
    };
}
