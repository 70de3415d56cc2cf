using FrequencyLab.Findings;

namespace FrequencyLab.Reproduce;

/// <summary>One of the report's numbers beside ours, measured the same way.</summary>
/// <param name="Quantity">What is compared, e.g. "epoch 3 train loss (lr 1e-3)".</param>
/// <param name="Report">The report's value.</param>
/// <param name="Ours">Ours, or null when the run did not reach it (e.g. early stopping before that epoch).</param>
/// <param name="Source">Which run or file ours comes from.</param>
public sealed record NumberComparison(string Quantity, double Report, double? Ours, string Source)
{
    /// <summary>The report's numbers with ours: the report run's epoch losses, the predicted lr 1e-4 curve and its
    /// success criteria against the proposed-fix run, and the noise floor against the best memoryless baseline.</summary>
    public static IReadOnlyList<NumberComparison> Build(ReportNumbers report, RunSummary? reportRun, RunSummary? proposed, double? bestMemorylessMse)
    {
        var rows = new List<NumberComparison>();
        for (int i = 0; i < report.EpochLosses.Count; i++)
            rows.Add(new($"epoch {i + 1} train loss, lr 1e-3 (the report's run, its §2.1 table)", report.EpochLosses[i],
                reportRun?.Epochs.FirstOrDefault(e => e.Epoch == i + 1)?.TrainLoss, reportRun?.Folder ?? "report run not done"));
        foreach (var (epoch, value) in report.PredictedCurveLr1e4)
            rows.Add(new($"epoch {epoch} loss predicted for lr 1e-4", value,
                proposed?.Epochs.FirstOrDefault(e => e.Epoch == epoch)?.TrainLoss, proposed?.Folder ?? "proposed run not done"));
        foreach (var (epoch, value) in report.SuccessCriteriaLr1e4)
            rows.Add(new($"success criterion at epoch {epoch}, lr 1e-4 (loss below)", value,
                proposed?.Epochs.FirstOrDefault(e => e.Epoch == epoch)?.FrozenTestMse, (proposed?.Folder ?? "proposed run not done") + " (frozen test MSE)"));
        rows.Add(new("noise floor (lower end of the report's 0.01–0.02 MSE)", report.NoiseFloorMse[0], bestMemorylessMse, "best memoryless baseline on test"));
        return rows;
    }

    public string OursText => Ours is { } v ? Number.Format(v) : "not reached";
}
