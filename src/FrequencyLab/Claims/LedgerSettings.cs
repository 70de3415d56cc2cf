using System.Globalization;

namespace FrequencyLab.Claims;

/// <summary>
/// How much the ledger runs: the signal length (rows per epoch), the init seeds, the epochs of the 5-epoch experiments and
/// of the prescribed restart, and whether the report's own run uses TorchSharp. <see cref="Full"/> is the report's scale
/// (what <c>freqlab claims</c> runs without <c>--quick</c>); the study's scales, quick included, are rows of
/// <see cref="Scales.StudyScales"/> (<c>StudyScales.Quick.Ledger</c>), labelled as such everywhere their verdicts appear.
/// </summary>
public sealed record LedgerSettings
{
    /// <summary>"full", "quick" or another label; names the runs folder, so modes never share runs.</summary>
    public required string Mode { get; init; }
    /// <summary>Seconds of signal per frequency (the report: 10 s at 1 kHz, i.e. 40,000 rows).</summary>
    public double Duration { get; init; } = 10.0;
    /// <summary>Init seeds of every training experiment (at least <see cref="ClaimRules.MinSeeds"/> to judge one).</summary>
    public IReadOnlyList<ulong> InitSeeds { get; init; } = [0, 1, 2];
    /// <summary>Epochs of the report's run and of the hypothesis experiments (the report ran 5).</summary>
    public int ShortEpochs { get; init; } = 5;
    /// <summary>Epochs of the prescribed restart and its contingencies (the report prescribes 50).</summary>
    public int LongEpochs { get; init; } = 50;
    /// <summary>Warm-up length of Plan C (10 epochs in the report).</summary>
    public int WarmupEpochs { get; init; } = 10;
    /// <summary>True: the report's 5-epoch run is rerun on TorchSharp (as the report ran PyTorch); false: the fused engine.</summary>
    public bool TorchReportRun { get; init; } = true;
    /// <summary>How many init seeds (the first ones) rerun the report's run on TorchSharp when <see cref="TorchReportRun"/>;
    /// the other seeds run it on the fused engine at the same scale. One: the study's TorchSharp report run is that seed (the
    /// ledger reads it, it is not trained twice), and TorchSharp's L=1 loop costs about 30 times the fused engine's, so
    /// three TorchSharp seeds (~375 CPU-s) would break the study's budget on their own.</summary>
    public int TorchSeeds { get; init; } = 1;
    /// <summary>True: when the report's run is not on TorchSharp, it is still run at the report's scale (40,000 rows, fused),
    /// whatever <see cref="Duration"/> the other experiments use, so that every claim about the report's own run (its loss
    /// table, its epoch-1 weights, the mechanism of H1) is judged on the task the report ran, never on a reduced one.</summary>
    public bool ReportScaleReportRun { get; init; }
    /// <summary>Experiments run at once (each one seed at a time).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The report's scale: 40,000 rows, 3 seeds, 5 and 50 epochs, TorchSharp for the report's run.</summary>
    public static LedgerSettings Full { get; } = new() { Mode = "full" };

    /// <summary>Rows per epoch (all frequencies).</summary>
    public int RowsPerEpoch => (int)Math.Round(Duration * Signals.SignalSpec.Default.SampleRate) * Signals.SignalSpec.Default.FrequencyCount;

    /// <summary>Rows averaged per window in the gradient-variance probe: the report's 3,200 when at least 10 windows fit.</summary>
    public int GradientWindow => Math.Max(2, Math.Min(3200, RowsPerEpoch / 10));

    public bool IsFull => Mode == "full";

    /// <summary>One line naming the scale, shown beside every verdict.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{(IsFull ? "FULL" : Mode.ToUpperInvariant() + " MODE")}: {Duration:0.##} s of signal ({RowsPerEpoch:N0} rows per epoch), {InitSeeds.Count} init seeds ({string.Join(", ", InitSeeds)}), {ShortEpochs}-epoch experiments, {LongEpochs}-epoch restart, report run on {(TorchReportRun ? TorchText : "the fused engine")}{(!TorchReportRun && ReportScaleReportRun ? " at the report's scale (40,000 rows)" : "")}");

    private string TorchText => TorchSeeds >= InitSeeds.Count ? "TorchSharp"
        : $"TorchSharp (seed{(TorchSeeds == 1 ? "" : "s")} {string.Join(", ", InitSeeds.Take(TorchSeeds))}; {string.Join(", ", InitSeeds.Skip(TorchSeeds))} on the fused engine)";

    public LedgerSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid ledger settings: {m}");
        if (Mode is null || Mode.Length == 0 || Mode.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) Fail($"mode '{Mode}' must be letters, digits or '-'");
        if (!(Duration > 0) || !double.IsFinite(Duration)) Fail($"duration {Duration} must be positive");
        if (InitSeeds is null || InitSeeds.Count == 0) Fail("no init seeds");
        if (InitSeeds!.Distinct().Count() != InitSeeds!.Count) Fail("an init seed is given twice");
        if (ShortEpochs < 2) Fail($"short epochs {ShortEpochs} must be at least 2");
        if (LongEpochs < 2) Fail($"long epochs {LongEpochs} must be at least 2");
        if (WarmupEpochs < 1) Fail($"warm-up epochs {WarmupEpochs} must be at least 1");
        if (Workers < 1) Fail($"workers {Workers} must be at least 1");
        if (TorchSeeds < 1) Fail($"TorchSharp seeds {TorchSeeds} must be at least 1");
        return this;
    }
}
