namespace FrequencyLab.Prediction;

/// <summary>One backtest: a prediction from the first <paramref name="FittedEpochs"/> points of a finished curve, scored on the rest.</summary>
/// <param name="Curve">The curve's name.</param>
/// <param name="FittedEpochs">Points the prediction saw.</param>
/// <param name="HeldOutEpochs">Points it was scored on.</param>
/// <param name="Status">Whether a prediction was made.</param>
/// <param name="Coverage">Fraction of held-out values inside the prediction band (NaN without a band).</param>
/// <param name="LastValue">The curve's actual last value.</param>
/// <param name="PredictedLast">The band's median at the last epoch (NaN without a band).</param>
/// <param name="LastLogError">ln(actual / predicted median) at the last epoch.</param>
/// <param name="LastInsideBand">Whether the last value is inside the band.</param>
/// <param name="ProbabilityReached">P(target reached by the last epoch) as predicted.</param>
/// <param name="Reached">Whether the curve actually reached the target by its last epoch.</param>
public sealed record BacktestScore(string Curve, int FittedEpochs, int HeldOutEpochs, PredictionStatus Status, double Coverage,
    double LastValue, double PredictedLast, double LastLogError, bool LastInsideBand, double? ProbabilityReached, bool Reached)
{
    /// <summary>(P − outcome)² for the reach forecast (NaN without one).</summary>
    public double BrierScore => ProbabilityReached is double p ? Math.Pow(p - (Reached ? 1 : 0), 2) : double.NaN;
}
