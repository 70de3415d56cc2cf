namespace FrequencyLab.Engines.Fused;

/// <summary>Settings of the fused engine beyond the training semantics.</summary>
/// <param name="FlushTinyValues">
/// Off (the default): Adam's arithmetic is IEEE float32 exactly as PyTorch's. On: Adam reads |g| &lt; 2⁻⁵⁸, |m| &lt; 2⁻¹⁰⁰ and
/// v &lt; 2⁻¹²⁰ as zero, so no intermediate is subnormal. Long runs then keep their speed (blocks order, report's model,
/// measured: 4.0 µs per step through epoch 9 instead of 3.9 rising to 6.7–7.7 µs) at the price of a deviation from PyTorch
/// that is bounded in <see cref="OptimizerKernels"/> and measured in FusedEngineTests. For sweeps and benchmarks, not for
/// parity runs.
/// </param>
/// <param name="ProjectHiddenAhead">
/// On (the default): the Adam step that updates W_hh row by row also forms that row's W_hh·h for the next row's forward, while
/// the divider works on Adam's square roots and divisions (its fma units are otherwise idle), so the next forward skips its
/// largest product. Each row is summed exactly as <see cref="SimdKernels.MatVec"/> sums it: the same bits either way (tested);
/// off computes it in the forward, as before.
/// </param>
/// <param name="PairFrozenPasses">
/// On (the default): the trainer's two frozen passes after an epoch (train rows, test rows: the same weights) run side by
/// side through <see cref="IPairedPrediction.PredictPair"/>, so W_hh streams from cache once per pair of rows instead of
/// twice. Each pass's predictions, and so its MSEs, are the same bits either way (tested); off runs them one after the
/// other, as before.
/// </param>
public sealed record FusedEngineOptions(bool FlushTinyValues = false, bool ProjectHiddenAhead = true, bool PairFrozenPasses = true)
{
    public static FusedEngineOptions Default { get; } = new();
}
