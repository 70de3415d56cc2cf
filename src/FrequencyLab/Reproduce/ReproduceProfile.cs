using FrequencyLab.Claims;
using FrequencyLab.Learnability;
using FrequencyLab.Signals;

namespace FrequencyLab.Reproduce;

/// <summary>
/// How big the study is: the signal length, the epochs of each run, the sweep grid and the notebooks' mode.
/// <see cref="Full"/> is the report's scale; <see cref="Quick"/> is a few minutes and labelled quick wherever it shows;
/// <see cref="Tiny"/> is for the test suite (seconds, same stages, same page).
/// </summary>
/// <param name="Name">"full", "quick" or "tiny": shown on the page and recorded in the manifest.</param>
/// <param name="SignalSeconds">Seconds of signal per frequency (the report: 10 s at 1000 Hz, 40,000 rows). Shorter signals
/// keep every frequency (taking the first rows of the blocks order would keep only 1 Hz).</param>
/// <param name="ReportRunEpochs">Epochs of the report's run (the report: 5).</param>
/// <param name="ProposedEpochs">Epoch budget of the proposed fix (the report: 50, with early stopping).</param>
/// <param name="ProposedPatience">Early-stopping patience of the proposed fix (the report's §5.2: 10).</param>
/// <param name="SweepLearningRates">Learning rates of the lr × seed sweep.</param>
/// <param name="SweepSeeds">Init seeds of the sweep.</param>
/// <param name="SweepEpochs">Epochs of every sweep point.</param>
/// <param name="NotebooksQuick">Run the notebooks with quick = true.</param>
public sealed record ReproduceProfile(
    string Name,
    double SignalSeconds,
    int ReportRunEpochs,
    int ProposedEpochs,
    int ProposedPatience,
    IReadOnlyList<double> SweepLearningRates,
    IReadOnlyList<ulong> SweepSeeds,
    int SweepEpochs,
    bool NotebooksQuick)
{
    /// <summary>
    /// The claims ledger of the full study. The ledger's own full mode (40,000 rows, a 50-epoch restart and eight 50-epoch
    /// contingencies over three seeds, the report's run on TorchSharp) took 41 min wall / 2,266 CPU-s on 2 cores, four times the
    /// study's whole budget. The study keeps the ledger's three seeds, its 5-epoch experiments and its 50-epoch restart and
    /// contingencies with the 10-epoch warm-up (so the epoch-20–50 claims are judged, unlike quick mode) on the quick ledger's
    /// 2 s of signal (8,000 rows) on the fused engine: measured 180–210 s wall in the full study. The report's own run at full
    /// scale on TorchSharp is the study's report-run stage. Its verdicts say
    /// "STUDY MODE" with the scale beside them. Declared before the profiles, which read it during static initialization.
    /// </summary>
    public static LedgerSettings StudyLedger { get; } = new()
    {
        Mode = "study", Duration = 2.0, ShortEpochs = 5, LongEpochs = 50, WarmupEpochs = 10, TorchReportRun = false,
        // The claims about the report's own run (its loss table, H1's mechanism) at the report's 40,000 rows, as the page's
        // TorchSharp rerun: one task, one number per quantity on the page.
        ReportScaleReportRun = true,
    };

    /// <summary>The study at the report's scale.</summary>
    public static ReproduceProfile Full { get; } = new("full", 10.0, 5, 50, 10, [1e-3, 3e-4, 1e-4, 3e-5], [0, 1, 2, 3], 20, NotebooksQuick: false)
    {
        Ledger = StudyLedger,
        // The full matrix (72 runs on 40,000 rows) on the fused engine's truncated BPTT: about 155 CPU-s.
        Learnability = LearnabilitySettings.Full,
    };

    /// <summary>A few minutes: a tenth of the signal, fewer epochs and points, notebooks in quick mode.</summary>
    public static ReproduceProfile Quick { get; } = new("quick", 1.0, 5, 15, 5, [1e-3, 1e-4], [0, 1], 5, NotebooksQuick: true)
    {
        Ledger = LedgerSettings.Quick,
    };

    /// <summary>Seconds, for the test suite: the same stages and page on a quarter second of signal.</summary>
    public static ReproduceProfile Tiny { get; } = new("tiny", 0.25, 2, 3, 2, [1e-3, 1e-4], [0], 2, NotebooksQuick: true)
    {
        // Three seeds, the fewest a rule judges on, so that the tiny ledger gives real verdicts (of a 200-row task).
        Ledger = new LedgerSettings { Mode = "tiny", Duration = 0.05, ShortEpochs = 2, LongEpochs = 3, WarmupEpochs = 1, TorchReportRun = false },
        // The quick matrix with one seed and one epoch: every cell still trains (12 TorchSharp runs of 320 rows).
        Learnability = LearnabilitySettings.Quick with { InitSeeds = [0], Epochs = 1, Label = "tiny" },
    };

    /// <summary>The claims ledger's scale in this study (its runs go under claims/runs/MODE).</summary>
    public required LedgerSettings Ledger { get; init; }

    /// <summary>The learnability matrix of this study: the full matrix in the full study, <c>freqlab learnability --quick</c>'s
    /// small labelled matrix (seconds) otherwise.</summary>
    public LearnabilitySettings Learnability { get; init; } = LearnabilitySettings.Quick;

    public static IReadOnlyList<ReproduceProfile> All { get; } = [Full, Quick, Tiny];

    /// <summary>Whether this is anything but the report's scale (the page says so in its title and every section).</summary>
    public bool IsReduced => Name != Full.Name;

    /// <summary>The task at this profile's length: the report's frequencies, rate and noise.</summary>
    public SignalSpec Spec => SignalSpec.Default with { Duration = SignalSeconds };
}
