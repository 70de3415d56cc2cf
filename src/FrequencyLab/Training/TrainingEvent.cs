namespace FrequencyLab.Training;

/// <summary>What happened; the names are stable strings in history.json.</summary>
public enum TrainingEventKind
{
    /// <summary>Train loss rose more than 20 % over the previous epoch (the report's alert).</summary>
    LossJump,
    /// <summary>Train loss above 1.5 × the best so far (the report's divergence check).</summary>
    AboveBest,
    /// <summary>Train loss rose three epochs in a row (the report's divergence criterion).</summary>
    ConsecutiveIncreases,
    /// <summary>NaN or ±∞ in the train loss: the run stops.</summary>
    NonFinite,
    /// <summary>ReduceLROnPlateau lowered the learning rate.</summary>
    LearningRateReduced,
    /// <summary>Early stopping asked to stop.</summary>
    EarlyStop,
    /// <summary>The monitored metric reached a new best and the best checkpoint was written.</summary>
    NewBest,
}

/// <summary>One event in an epoch, with the numbers that fired it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Epoch">1-based epoch at whose end it fired.</param>
/// <param name="Message">One line for people.</param>
/// <param name="Values">The numbers behind it, by name (e.g. loss, previous, best, ratio).</param>
public sealed record TrainingEvent(TrainingEventKind Kind, int Epoch, string Message, IReadOnlyDictionary<string, double> Values);
