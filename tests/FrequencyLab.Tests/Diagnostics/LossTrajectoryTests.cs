using FrequencyLab.Diagnostics;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Diagnostics.DiagnosticsFixtures;

namespace FrequencyLab.Tests.Diagnostics;

public class LossTrajectoryTests
{
    [Fact]
    public void Reproduces_the_reports_section_2_1_table_from_its_losses()
    {
        var t = LossTrajectory.FromValues(ReportLosses);
        // The report's columns as it printed them (one decimal). Its last "+60.9 %" is 60.8497 % unrounded: the report
        // rounded it up, so the comparison allows the width of one printed decimal.
        double?[] fromPrevious = [null, 42.5, 1.3, 12.5, -1.0];
        double?[] fromBest = [null, 42.5, 44.4, 62.4, 60.9];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(fromPrevious[i] is null, t.Rows[i].ChangeFromPrevious is null);
            Assert.Equal(fromBest[i] is null, t.Rows[i].ChangeFromBest is null);
            if (i == 0) continue;
            Assert.InRange(100 * t.Rows[i].ChangeFromPrevious!.Value - fromPrevious[i]!.Value, -0.05, 0.05);
            Assert.InRange(100 * t.Rows[i].ChangeFromBest!.Value - fromBest[i]!.Value, -0.051, 0.05);
        }
        Assert.Equal(60.8497, Math.Round(100 * t.Rows[4].ChangeFromBest!.Value, 4));
        Assert.Equal(1, t.BestEpoch);
        Assert.Equal([true, false, false, false, false], t.Rows.Select(r => r.IsBestSoFar));
        Assert.Equal(3, t.Rises);
        Assert.Equal(1, t.Falls);
        Assert.Equal(3, t.LongestRiseRun);
        Assert.True(t.IsMonotonicIncrease(2, 4));  // "monotonic increase through epochs 2-4"
        Assert.True(t.IsMonotonicIncrease(1, 4));
        Assert.False(t.IsMonotonicIncrease(1, 5)); // epoch 5 fell
        Assert.False(t.IsMonotonicDecrease(1, 2));
        Assert.Equal(0.458013 / 0.284746 - 1, t.FinalAboveBest, 12);
    }

    [Fact]
    public void Recomputed_alerts_fire_where_the_reports_rules_say()
    {
        var a = LossTrajectory.FromValues(ReportLosses).Alerts;
        Assert.False(a.Recorded);
        Assert.Equal([2], Epochs(a, TrainingEventKind.LossJump));            // 0.4059 > 1.2 × 0.2847
        Assert.Equal([4, 5], Epochs(a, TrainingEventKind.AboveBest));       // > 1.5 × 0.2847 = 0.4271
        Assert.Equal([4], Epochs(a, TrainingEventKind.ConsecutiveIncreases));
        Assert.Empty(Epochs(a, TrainingEventKind.NonFinite));
        Assert.Equal(4, a.DivergenceAlertCount);
        Assert.Equal(2, a.FirstAlertEpoch);
    }

    [Fact]
    public void A_history_gives_its_recorded_events_and_each_metric()
    {
        var h = History(ReportLosses, frozenTrain: [0.5, 0.49, 0.48, 0.47, 0.46], frozenTest: [0.51, 0.5, 0.49, 0.48, 0.47]);
        var train = LossTrajectory.FromHistory(h);
        Assert.True(train.Alerts.Recorded);
        Assert.Equal([2], Epochs(train.Alerts, TrainingEventKind.LossJump));
        Assert.Equal(ReportLosses, train.Values);
        var test = LossTrajectory.FromHistory(h, TrajectoryMetric.FrozenTestMse);
        Assert.Equal([0.51, 0.5, 0.49, 0.48, 0.47], test.Values);
        Assert.Equal(5, test.BestEpoch);
        Assert.True(test.IsMonotonicDecrease(1, 5));
        Assert.Equal("frozen test MSE", test.Name);
        Assert.Equal(0.46, LossTrajectory.FromHistory(h, TrajectoryMetric.FrozenTrainMse).FinalLoss);
    }

    [Fact]
    public void Non_finite_epochs_have_no_change_and_do_not_become_best()
    {
        var t = LossTrajectory.FromValues([0.5, double.NaN, 0.4]);
        Assert.Null(t.Rows[1].ChangeFromPrevious);
        Assert.Null(t.Rows[2].ChangeFromPrevious);
        Assert.Equal(0.4 / 0.5 - 1, t.Rows[2].ChangeFromBest!.Value, 12);
        Assert.Equal(3, t.BestEpoch);
        Assert.Equal(2, t.Trend.Count);
        Assert.Equal([2], Epochs(t.Alerts, TrainingEventKind.NonFinite));
    }

    [Fact]
    public void Empty_values_give_an_empty_trajectory_and_a_bad_range_is_refused()
    {
        var t = LossTrajectory.FromValues([]);
        Assert.Empty(t.Rows);
        Assert.Null(t.BestEpoch);
        Assert.True(double.IsNaN(t.Trend.PValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossTrajectory.FromValues(ReportLosses).IsMonotonicIncrease(4, 6));
    }

    [Fact]
    public void Seed_band_is_median_and_min_max_per_epoch_over_runs_of_any_length()
    {
        var band = SeedBand.FromValues([[0.3, 0.4, 0.5], [0.2, 0.6], [0.25, double.NaN, 0.7]]);
        Assert.Equal(3, band.RunCount);
        Assert.Equal(new SeedBandPoint(1, 0.25, 0.2, 0.3, 3), band.Points[0]);
        Assert.Equal(new SeedBandPoint(2, 0.5, 0.4, 0.6, 2), band.Points[1]);
        Assert.Equal(new SeedBandPoint(3, 0.6, 0.5, 0.7, 2), band.Points[2]);
        var fromHistories = SeedBand.FromHistories([History([0.3, 0.4]), History([0.5, 0.2])]);
        Assert.Equal(0.4, fromHistories.Points[0].Median, 12);
        Assert.Equal(0.2, fromHistories.Points[1].Min);
    }

    private static int[] Epochs(AlertSummary a, TrainingEventKind kind) => a.Divergence.Single(d => d.Kind == kind).Epochs.ToArray();
}
