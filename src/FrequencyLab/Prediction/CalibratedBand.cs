namespace FrequencyLab.Prediction;

/// <summary>
/// The forecast band after calibration, for epochs after the last observed one up to the horizon, or no band and the
/// reason (<see cref="Status"/>, <see cref="Message"/>): a band is drawn only where backtests measured how often one like
/// it held.
/// </summary>
/// <param name="Status">Whether the band is calibrated, or why there is none.</param>
/// <param name="Message">One line saying what the band is or why there is none.</param>
/// <param name="Points">The calibrated band (empty without one); it may stop before the horizon, where the calibration has
/// no measured range.</param>
/// <param name="Calibration">The calibration used.</param>
public sealed record CalibratedBand(BandStatus Status, string Message, IReadOnlyList<PredictedPoint> Points, ForecastCalibration Calibration)
{
    public PredictedPoint? At(int epoch) => Points.FirstOrDefault(p => p.Epoch == epoch);
}
