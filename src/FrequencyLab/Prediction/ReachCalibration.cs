namespace FrequencyLab.Prediction;

/// <summary>How the reach probabilities of the backtests scored (<see cref="ReachOutcome"/>), on held-out real curves.</summary>
/// <param name="Backtests">Backtests with a probability.</param>
/// <param name="Brier">Mean (P − outcome)² of the predictor's P.</param>
/// <param name="BaseRateBrier">The same for a forecaster that always says the base rate of the backtests (the bar to beat).</param>
/// <param name="BaseRate">Fraction of backtests whose curve reached its target.</param>
/// <param name="Question">What was forecast.</param>
public sealed record ReachCalibration(int Backtests, double? Brier, double? BaseRateBrier, double? BaseRate, string Question);
