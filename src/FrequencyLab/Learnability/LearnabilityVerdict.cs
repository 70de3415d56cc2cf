namespace FrequencyLab.Learnability;

/// <summary>What a trained model achieved relative to the bounds its data allows (see <see cref="LearnabilityRule"/>).</summary>
public enum LearnabilityVerdict
{
    /// <summary>Every seed's frozen test MSE is below the best memoryless predictor's by the margin: memory (a clock) was learned.</summary>
    LearnsBeyondMemoryless,
    /// <summary>Every seed beats predicting zero by the margin, but not the best memoryless predictor: what S alone tells, no more.</summary>
    ReachesMemorylessOnly,
    /// <summary>Some seed does not beat predicting zero by the margin.</summary>
    LearnsNothing,
}
