namespace FrequencyLab.Prediction;

/// <summary>The prediction band at one epoch: median and the central interval of the simulated observations.</summary>
public sealed record PredictedPoint(double Epoch, double Median, double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
