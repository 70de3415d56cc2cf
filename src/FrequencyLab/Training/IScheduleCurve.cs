namespace FrequencyLab.Training;

/// <summary>
/// A learning-rate schedule made concrete for one run (<see cref="LearningRateSchedule.Build"/>): the factor that multiplies
/// the learning rate at each optimizer step. The trainer multiplies it into the plateau scheduler's current rate, so a
/// plateau reduction is kept whatever the schedule does.
/// </summary>
public interface IScheduleCurve
{
    /// <summary>The factor at the <paramref name="step"/>-th optimizer step of the run (0-based, counted across epochs).</summary>
    double Factor(long step);
}
