namespace FrequencyLab.Prediction;

/// <summary>
/// The stated bounds on what one prediction may cost, so that no input file can make it exhaust the machine. The band is
/// simulated at every epoch from 1 to max(horizon, last observed epoch) for every bootstrap replicate, so its memory is
/// replicates × that length; the fits cost a fixed number of passes over the points. Beyond a bound the prediction is
/// refused with one line (<see cref="CurveInputException"/> for the curve, <see cref="InvalidSpecException"/> for the
/// options) before any work is done. docs/prediction.md states them.
/// </summary>
public static class PredictionLimits
{
    /// <summary>The last epoch a curve may have and the furthest horizon: the band has one point per epoch.</summary>
    public const int MaxEpoch = 100_000;

    /// <summary>Points of one curve. The predictor reads them all (trend, observed reach: O(n log n)) but fits at most
    /// <see cref="MaxFitPoints"/>; diagnose's Theil–Sen slope keeps one value per pair of points (12.5 million, 100 MB, here).</summary>
    public const int MaxPoints = 5_000;

    /// <summary>Points a fit sees (<see cref="ConvergencePredictor.Thin"/>): a fit or refit is about a hundred
    /// Levenberg–Marquardt passes over its points, so this, not the curve's length, sets a prediction's cost.</summary>
    public const int MaxFitPoints = 1_000;

    /// <summary>Bootstrap replicates: 10,000 already resolves a 0.999 interval.</summary>
    public const int MaxReplicates = 10_000;

    /// <summary>Simulated values kept (replicates × band length): 2·10⁷ doubles = 160 MB, which the default 200 replicates
    /// reach only at the furthest horizon.</summary>
    public const long MaxPathValues = 20_000_000;

    /// <summary>Bytes of a curve's file (history.json or CSV), checked before it is read: a history of
    /// <see cref="MaxPoints"/> epochs is a few MB.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Curves a calibration may use or store: each is backtested at every cut (about a second per curve at the
    /// default 200 replicates), so a folder of more runs is refused rather than left running for hours.</summary>
    public const int MaxCalibrationCurves = 2_000;
}
