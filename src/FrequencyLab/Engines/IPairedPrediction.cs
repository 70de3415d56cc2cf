namespace FrequencyLab.Engines;

/// <summary>An engine that carries a second evaluation state beside the one <see cref="ITrainingEngine.Predict"/> carries,
/// and can advance both with one step that reads the weights once: two frozen passes with the same weights (the training
/// rows and the test rows after an epoch) then cost less than two passes one after the other, with the same predictions.</summary>
public interface IPairedPrediction
{
    /// <summary>Whether the trainer should pair its frozen passes on this engine (an engine option; off gives the passes one
    /// after the other, with the same numbers).</summary>
    bool PairsPredictions { get; }

    /// <summary>Zero the second evaluation (h, c).</summary>
    void ResetSecondEvalState();

    /// <summary>No-grad forward of one row with the second evaluation state, which it then carries forward.</summary>
    float PredictSecond(ReadOnlySpan<float> input);

    /// <summary><see cref="ITrainingEngine.Predict"/>(<paramref name="first"/>) and
    /// <see cref="PredictSecond"/>(<paramref name="second"/>) in one step: the same two numbers, bit for bit.</summary>
    (float First, float Second) PredictPair(ReadOnlySpan<float> first, ReadOnlySpan<float> second);
}
