namespace FrequencyLab.Prediction;

/// <summary>One row of the report's §6.3 table: "MSE &lt; <paramref name="Below"/> in <paramref name="FromEpoch"/>–<paramref name="ToEpoch"/> epochs, <paramref name="Confidence"/>".</summary>
public sealed record EpochsToTargetClaim(double Below, int FromEpoch, int ToEpoch, double Confidence);
