using FrequencyLab.Claims;
using FrequencyLab.Learnability;
using FrequencyLab.Signals;

namespace FrequencyLab.Scales;

/// <summary>
/// The one table of scales: what <c>full</c>, <c>quick</c> and <c>tiny</c> mean, for the study (<c>freqlab reproduce</c>),
/// the claims ledger (<c>freqlab claims --quick</c>), the learnability matrix (<c>freqlab learnability --quick</c>), the
/// notebooks' <c>quick</c> parameter and the tests. Each row names its task once; the ledger and the matrix are derived from
/// it here, and where one needs a knob of its own (the ledger's signal in the full study, the matrix's small model) the row
/// says so beside its reason.
/// </summary>
public static class StudyScales
{
    public const string FullName = "full", QuickName = "quick", TinyName = "tiny";

    /// <summary>The report's scale, everywhere: the study's runs, its claims ledger (<see cref="LedgerSettings.Full"/>: 40,000
    /// rows, three seeds, the 5-epoch experiments, the 50-epoch restart and contingencies with the 10-epoch warm-up; the
    /// report's run on TorchSharp for seed 0, which is the study's own TorchSharp run, and on the fused engine for seeds 1
    /// and 2) and the full learnability matrix (72 fused runs on 40,000 rows) with the training recipe and its ablation (21 runs
    /// of 15 epochs, docs/learnability.md). Every run is trained once into the study's run
    /// store: the sweep's lr 1e-3 and 1e-4 runs are the starts of the ledger's experiments and restart, the matrix's L = 1
    /// cells are ledger experiments (docs/performance.md measures what that saves).</summary>
    public static StudyScale Full { get; } = Row(FullName, signalSeconds: 10.0, shortEpochs: 5, longEpochs: 50, patience: 10, warmupEpochs: 10,
        sweep: ([1e-3, 3e-4, 1e-4, 3e-5], [0, 1, 2, 3], 20),
        ledger: LedgerSettings.Full,
        matrix: new() { Recipe = new() });

    /// <summary>A few minutes on 2 cores, labelled QUICK wherever it shows: one task of 2 s of signal (8,000 rows; 1, 3, 5 and
    /// 7 Hz stay on exact FFT bins) for the study's runs, the ledger and notebooks 01–05; 3 seeds, 5-epoch experiments, a
    /// 15-epoch budget with patience 5 and a 5-epoch warm-up. The matrix keeps the task's 2 s and seeds on a small model at
    /// 40 Hz (320 rows, H = 16, lr 1e-2, 3 epochs, L ∈ {1, 40}): the full matrix's 72 runs would take minutes; its recipe is
    /// the full one's proportions on that model (L = 40, chrono T_max 10, 15 epochs), labelled, and does not learn there.</summary>
    public static StudyScale Quick { get; } = Row(QuickName, signalSeconds: 2.0, shortEpochs: 5, longEpochs: 15, patience: 5, warmupEpochs: 5,
        sweep: ([1e-3, 1e-4], [0, 1], 5),
        ledger: new() { Mode = QuickName, TorchReportRun = false },
        matrix: SmallMatrix with { Epochs = 3, Recipe = SmallRecipe });

    /// <summary>Seconds, for the test suite: the same stages and page on a quarter second of signal. The ledger runs 0.05 s
    /// (200 rows) with three seeds, the fewest a rule judges on, so that its verdicts are real ones (of a 200-row task); the
    /// matrix is the quick one with one seed and one epoch (every cell still trains), its recipe 2 epochs (trains, not judged).</summary>
    public static StudyScale Tiny { get; } = Row(TinyName, signalSeconds: 0.25, shortEpochs: 2, longEpochs: 3, patience: 2, warmupEpochs: 1,
        sweep: ([1e-3, 1e-4], [0], 2),
        ledger: new() { Mode = TinyName, TorchReportRun = false }, ledgerSeconds: 0.05,
        matrix: SmallMatrix with { Epochs = 1, Recipe = SmallRecipe with { Epochs = 2 } }, matrixSeconds: Quick.SignalSeconds, matrixSeeds: [0]);

    public static IReadOnlyList<StudyScale> All { get; } = [Full, Quick, Tiny];

    /// <summary>The scale of a notebook's <c>quick</c> parameter (and of <c>--quick</c>).</summary>
    public static StudyScale For(bool quick) => quick ? Quick : Full;

    /// <summary>The scale called <paramref name="name"/>.</summary>
    /// <exception cref="FrequencyLabException">No such scale (one line naming the ones there are).</exception>
    public static StudyScale Named(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new FrequencyLabException($"no scale '{name}' (scales: {string.Join(", ", All.Select(s => s.Name))})");

    // The reduced matrix's small model: 40 Hz keeps the four frequencies below Nyquist at a 25th of the rows. Its signal
    // length, seeds and label come from the row (Row) unless a row sets them.
    private static LearnabilitySettings SmallMatrix => new()
    {
        Spec = SignalSpec.Default with { SampleRate = 40 }, Windows = [1, 40], HiddenSize = 16, LearningRate = 1e-2,
    };

    // The recipe on the small model (40 Hz: the 1 Hz period is 40 rows): a window of one slowest period and chrono up to a
    // quarter of it, the full recipe's proportions kept roughly (L = 300 and T_max = 100 at 1 kHz); its own 15-epoch budget.
    private static LearningRecipe SmallRecipe => new() { Window = 40, ForgetGate = new() { Kind = Model.ForgetGateInitKind.Chrono, MaxTimescale = 10 } };

    /// <summary>A row. The ledger and the matrix take the row's signal length, seeds and epochs (the ledger on the fused
    /// engine throughout); <paramref name="ledger"/> and <paramref name="matrix"/> bring their own knobs, and a row that gives
    /// one of them another signal length or seeds says so with <paramref name="ledgerSeconds"/>, <paramref name="matrixSeconds"/>
    /// or <paramref name="matrixSeeds"/>.</summary>
    private static StudyScale Row(string name, double signalSeconds, int shortEpochs, int longEpochs, int patience, int warmupEpochs,
        (double[] Rates, ulong[] Seeds, int Epochs) sweep, LedgerSettings ledger, LearnabilitySettings matrix,
        double? ledgerSeconds = null, double? matrixSeconds = null, ulong[]? matrixSeeds = null)
    {
        ulong[] seeds = [0, 1, 2];
        var rowLedger = ledger with
        {
            Duration = ledgerSeconds ?? signalSeconds, InitSeeds = seeds, ShortEpochs = shortEpochs, LongEpochs = longEpochs,
            WarmupEpochs = warmupEpochs,
        };
        var rowMatrix = matrix with
        {
            Spec = matrix.Spec with { Duration = matrixSeconds ?? signalSeconds }, InitSeeds = matrixSeeds ?? seeds, Label = name,
        };
        return new StudyScale(name, signalSeconds, seeds, shortEpochs, longEpochs, patience, warmupEpochs, sweep.Rates, sweep.Seeds,
            sweep.Epochs, rowLedger.Validate(), rowMatrix.Validate());
    }
}
