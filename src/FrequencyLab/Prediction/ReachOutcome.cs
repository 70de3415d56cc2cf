namespace FrequencyLab.Prediction;

/// <summary>One backtest's reach forecast: P(the curve gets to <paramref name="Target"/> by its last epoch) and whether it did.</summary>
public sealed record ReachOutcome(string Group, bool Real, double Target, double Probability, bool Reached)
{
    public double Brier => Math.Pow(Probability - (Reached ? 1 : 0), 2);
}
