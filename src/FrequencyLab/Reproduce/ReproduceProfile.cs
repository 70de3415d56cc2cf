using FrequencyLab.Claims;
using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Signals;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The study at one scale of <see cref="StudyScales"/> (what every number means is said there, once): the signal length,
/// the epochs of each run, the sweep grid, the claims ledger, the learnability matrix and the notebooks' mode.
/// <see cref="Full"/> is the report's scale; <see cref="Quick"/> is a few minutes and labelled quick wherever it shows;
/// <see cref="Tiny"/> is for the test suite (seconds, same stages, same page).
/// </summary>
/// <param name="Scale">The row of the scale table this study runs at.</param>
public sealed record ReproduceProfile(StudyScale Scale)
{
    public static ReproduceProfile Full { get; } = new(StudyScales.Full);
    public static ReproduceProfile Quick { get; } = new(StudyScales.Quick);
    public static ReproduceProfile Tiny { get; } = new(StudyScales.Tiny);
    public static IReadOnlyList<ReproduceProfile> All { get; } = [Full, Quick, Tiny];

    /// <summary>The claims ledger of the full study: the ledger at the report's scale (<see cref="StudyScales.Full"/>).</summary>
    public static LedgerSettings StudyLedger => StudyScales.Full.Ledger;

    /// <summary>"full", "quick" or "tiny": shown on the page and recorded in the manifest.</summary>
    public string Name => Scale.Name;
    /// <summary>Seconds of signal per frequency of the study's runs.</summary>
    public double SignalSeconds => Scale.SignalSeconds;
    /// <summary>Epochs of the report's run (the report: 5).</summary>
    public int ReportRunEpochs => Scale.ShortEpochs;
    /// <summary>Epoch budget of the proposed fix (the report: 50, with early stopping).</summary>
    public int ProposedEpochs => Scale.LongEpochs;
    /// <summary>Early-stopping patience of the proposed fix (the report's §5.2: 10).</summary>
    public int ProposedPatience => Scale.Patience;
    public IReadOnlyList<double> SweepLearningRates => Scale.SweepLearningRates;
    public IReadOnlyList<ulong> SweepSeeds => Scale.SweepSeeds;
    public int SweepEpochs => Scale.SweepEpochs;
    /// <summary>Run the notebooks with quick = true (every reduced scale; the notebooks read their sizes from the quick row or
    /// from the study's folders they are given).</summary>
    public bool NotebooksQuick => Scale.IsReduced;

    /// <summary>The claims ledger's scale in this study (its runs go under claims/runs/MODE).</summary>
    public LedgerSettings Ledger => Scale.Ledger;

    /// <summary>The learnability matrix of this study.</summary>
    public LearnabilitySettings Learnability => Scale.Learnability;

    /// <summary>Whether this is anything but the report's scale (the page says so in its title and every section).</summary>
    public bool IsReduced => Scale.IsReduced;

    /// <summary>The task at this profile's length: the report's frequencies, rate and noise.</summary>
    public SignalSpec Spec => Scale.Spec;
}
