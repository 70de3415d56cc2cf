namespace FrequencyLab.Prediction;

/// <summary>
/// The calibration of one range of epochs ahead (<see cref="HorizonRange"/>): the factor applied to the band's log
/// half-widths and the coverage measured on held-out real curves with the raw and the scaled band.
/// </summary>
/// <param name="From">First epoch ahead of the range.</param>
/// <param name="To">Last epoch ahead (null: no end).</param>
/// <param name="Scale">Split-conformal factor λ fitted on every backtest of the library; null when the range had too few
/// held-out epochs for the level (no honest band there).</param>
/// <param name="HeldOutEpochs">Held-out epochs of real curves scored in this range (cross-fitted: each scored with the
/// factor fitted on the other groups).</param>
/// <param name="RawCoverage">Fraction of them inside the raw bootstrap band (null without any).</param>
/// <param name="CalibratedCoverage">Fraction inside the scaled band (null without any).</param>
/// <param name="RawWidth">Median ratio upper/lower of the raw band over those epochs: what the band promises.</param>
/// <param name="CalibratedWidth">The same for the scaled band: a band that covers by being a factor 10 wide says little.</param>
public sealed record HorizonCalibration(int From, int? To, double? Scale, int HeldOutEpochs, double? RawCoverage, double? CalibratedCoverage,
    double? RawWidth, double? CalibratedWidth)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public HorizonRange Range => new(From, To);
}
