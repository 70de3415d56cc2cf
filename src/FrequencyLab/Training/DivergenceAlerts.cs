using System.Globalization;

namespace FrequencyLab.Training;

/// <summary>The losses <see cref="DivergenceAlerts"/> remembers between epochs: what a checkpoint stores.</summary>
/// <param name="Previous">The last epoch's train loss (null before the first).</param>
/// <param name="Best">The lowest finite train loss so far (+∞ before the first).</param>
/// <param name="Increases">How many epochs in a row the loss has risen.</param>
public sealed record DivergenceAlertState(double? Previous, double Best, int Increases)
{
    public static DivergenceAlertState Initial { get; } = new(null, double.PositiveInfinity, 0);
}

/// <summary>
/// The report's divergence alerts on the epoch train loss L_e (section 6.4 and 7.3):
/// <code>
/// LossJump              L_e &gt; 1.2·L_{e−1}
/// AboveBest             L_e &gt; 1.5·min_{j&lt;e} L_j
/// ConsecutiveIncreases  L_e &gt; L_{e−1} &gt; L_{e−2} &gt; L_{e−3}  (fires every epoch the run of rises is ≥ 3)
/// NonFinite             L_e is NaN or ±∞ (the trainer stops)
/// </code>
/// Pure: <see cref="Evaluate"/> returns the events and the next state.
/// </summary>
public static class DivergenceAlerts
{
    public const double JumpRatio = 1.2, BestRatio = 1.5;
    public const int IncreasesToAlert = 3;

    public static (IReadOnlyList<TrainingEvent> Events, DivergenceAlertState Next) Evaluate(
        DivergenceAlertState state, int epoch, double loss)
    {
        var events = new List<TrainingEvent>();
        if (!double.IsFinite(loss))
        {
            events.Add(new TrainingEvent(TrainingEventKind.NonFinite, epoch,
                $"train loss is {Format(loss)} at epoch {epoch}: numerical instability, the run stops",
                new Dictionary<string, double> { ["loss"] = loss }));
            return (events, state with { Previous = loss, Increases = 0 });
        }
        int increases = state.Previous is { } p0 && double.IsFinite(p0) && loss > p0 ? state.Increases + 1 : 0;
        if (state.Previous is { } prev && double.IsFinite(prev) && loss > prev * JumpRatio)
            events.Add(new TrainingEvent(TrainingEventKind.LossJump, epoch,
                $"train loss rose {100 * (loss / prev - 1):F1}% over the previous epoch ({Format(prev)} → {Format(loss)})",
                new Dictionary<string, double> { ["loss"] = loss, ["previous"] = prev, ["ratio"] = loss / prev }));
        if (double.IsFinite(state.Best) && loss > state.Best * BestRatio)
            events.Add(new TrainingEvent(TrainingEventKind.AboveBest, epoch,
                $"train loss {Format(loss)} is {loss / state.Best:F2}× the best {Format(state.Best)}",
                new Dictionary<string, double> { ["loss"] = loss, ["best"] = state.Best, ["ratio"] = loss / state.Best }));
        if (increases >= IncreasesToAlert)
            events.Add(new TrainingEvent(TrainingEventKind.ConsecutiveIncreases, epoch,
                $"train loss rose {increases} epochs in a row (now {Format(loss)})",
                new Dictionary<string, double> { ["loss"] = loss, ["increases"] = increases }));
        return (events, new DivergenceAlertState(loss, Math.Min(state.Best, loss), increases));
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
