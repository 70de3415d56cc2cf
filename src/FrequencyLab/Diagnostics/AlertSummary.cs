using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>How often one kind of event fired and when.</summary>
/// <param name="Kind">The event kind.</param>
/// <param name="Count">Epochs in which it fired.</param>
/// <param name="Epochs">Those epochs, in order.</param>
public sealed record AlertCount(TrainingEventKind Kind, int Count, IReadOnlyList<int> Epochs);

/// <summary>
/// The report's divergence alerts (§6.4, §7.3; see <see cref="DivergenceAlerts"/>) over a whole run: every event, and per
/// divergence kind how often and in which epochs it fired.
/// </summary>
/// <param name="Events">All events in epoch order (the divergence alerts and the trainer's own, e.g. NewBest, EarlyStop).</param>
/// <param name="Divergence">One count per divergence kind (LossJump, AboveBest, ConsecutiveIncreases, NonFinite), zero counts included.</param>
/// <param name="Recorded">True when the events come from a history (as the trainer recorded them); false when recomputed from values.</param>
public sealed record AlertSummary(IReadOnlyList<TrainingEvent> Events, IReadOnlyList<AlertCount> Divergence, bool Recorded)
{
    /// <summary>The kinds <see cref="DivergenceAlerts"/> raises.</summary>
    public static IReadOnlyList<TrainingEventKind> DivergenceKinds { get; } =
        [TrainingEventKind.LossJump, TrainingEventKind.AboveBest, TrainingEventKind.ConsecutiveIncreases, TrainingEventKind.NonFinite];

    /// <summary>Divergence alerts fired, all kinds together.</summary>
    public int DivergenceAlertCount => Divergence.Sum(d => d.Count);

    /// <summary>The first epoch with any divergence alert (null when none fired).</summary>
    public int? FirstAlertEpoch => Divergence.SelectMany(d => d.Epochs).Cast<int?>().Min();

    /// <summary>Summarises events recorded in a history.</summary>
    public static AlertSummary FromEvents(IEnumerable<TrainingEvent> events, bool recorded = true)
    {
        var list = events.OrderBy(e => e.Epoch).ToList();
        var counts = DivergenceKinds.Select(k =>
        {
            var epochs = list.Where(e => e.Kind == k).Select(e => e.Epoch).Distinct().OrderBy(e => e).ToList();
            return new AlertCount(k, epochs.Count, epochs);
        }).ToList();
        return new AlertSummary(list, counts, recorded);
    }

    /// <summary>Runs <see cref="DivergenceAlerts"/> over bare epoch values, as the trainer would have (epochs 1, 2, …).</summary>
    public static AlertSummary Recompute(IReadOnlyList<double> losses)
    {
        var events = new List<TrainingEvent>();
        var state = DivergenceAlertState.Initial;
        for (int i = 0; i < losses.Count; i++)
        {
            var (fired, next) = DivergenceAlerts.Evaluate(state, i + 1, losses[i]);
            events.AddRange(fired);
            state = next;
        }
        return FromEvents(events, recorded: false);
    }
}
