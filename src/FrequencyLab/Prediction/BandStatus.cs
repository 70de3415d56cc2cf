namespace FrequencyLab.Prediction;

/// <summary>Whether a calibrated band could be drawn for a prediction (<see cref="ForecastCalibration.Apply"/>).</summary>
public enum BandStatus
{
    /// <summary>The band is the bootstrap band scaled per horizon by the calibration.</summary>
    Calibrated,
    /// <summary>Fewer observed points than any backtest of the calibration was cut at: no measured band exists.</summary>
    TooFewPoints,
    /// <summary>The ensemble extrapolated the curve's own last points worse than on any curve of the calibration.</summary>
    UnlikeAnySeen,
    /// <summary>The calibration was measured at another level than the one asked for.</summary>
    OtherLevel,
    /// <summary>The predictor itself drew no band (too few points, a constant curve).</summary>
    NoPrediction,
}
