namespace FrequencyLab.Prediction;

/// <summary>What to predict and how hard to try.</summary>
/// <param name="Target">The value the curve should get below (e.g. MSE 0.01).</param>
/// <param name="Horizon">The last epoch of interest: the band runs to it and P(reached) is "by this epoch".</param>
/// <param name="Level">Coverage of the prediction band and the reach and asymptote intervals (0.9 = 5th–95th percentile).</param>
/// <param name="Replicates">Bootstrap replicates over the whole ensemble (shared among families by weight).</param>
/// <param name="Seed">Seed of the bootstrap: the same seed, curve and options give the same prediction.</param>
/// <param name="Holdout">Points held out at the end of the curve to weight the families (null: a quarter of the curve, at least 1).</param>
public sealed record PredictionOptions(double Target, int Horizon = 100, double Level = 0.9, int Replicates = 200, int Seed = 0, int? Holdout = null)
{
    /// <summary>Throws <see cref="InvalidSpecException"/> for options no prediction can honour.</summary>
    public PredictionOptions Validate()
    {
        if (!(Target > 0) || !double.IsFinite(Target)) throw new InvalidSpecException($"target {Target} must be a positive number");
        if (Horizon < 1) throw new InvalidSpecException($"horizon {Horizon} must be at least 1 epoch");
        if (Horizon > PredictionLimits.MaxEpoch) throw new InvalidSpecException($"horizon {Horizon} is beyond {PredictionLimits.MaxEpoch:N0} epochs");
        if (!(Level > 0 && Level < 1)) throw new InvalidSpecException($"level {Level} must be between 0 and 1");
        if (Replicates < 20) throw new InvalidSpecException($"{Replicates} replicates cannot give a {Level:0.##} interval (at least 20)");
        if (Replicates > PredictionLimits.MaxReplicates) throw new InvalidSpecException($"{Replicates} replicates is more than {PredictionLimits.MaxReplicates:N0}");
        if (Holdout is < 1) throw new InvalidSpecException($"holdout {Holdout} must be at least 1 point");
        return this;
    }

    /// <summary>Points held out for weighting a curve of <paramref name="n"/> points.</summary>
    public int HoldoutFor(int n) => Holdout ?? Math.Max(1, n / 4);
}
