using FrequencyLab.Diagnostics;
using FrequencyLab.Findings;
using static FrequencyLab.Tests.Diagnostics.DiagnosticsFixtures;

namespace FrequencyLab.Tests.Diagnostics;

public class TrajectoryFindingsTests
{
    private static LossTrajectory T(params double[] v) => LossTrajectory.FromValues(v, "train loss");

    [Fact]
    public void Trend_reaches_each_verdict()
    {
        // 6 strictly rising epochs: exact p = 2/720, slope > 0, interval above 0.
        Assert.Equal(Verdict.Supported, TrajectoryFindings.Trend(T(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), TrendDirection.Rising).Verdict);
        Assert.Equal(Verdict.Contradicted, TrajectoryFindings.Trend(T(0.6, 0.5, 0.4, 0.3, 0.2, 0.1), TrendDirection.Rising).Verdict);
        Assert.Equal(Verdict.Supported, TrajectoryFindings.Trend(T(0.6, 0.5, 0.4, 0.3, 0.2, 0.1), TrendDirection.Falling).Verdict);
        // The report's five epochs: p = 1/12, not significant.
        var report = TrajectoryFindings.Trend(LossTrajectory.FromValues(ReportLosses, "train loss"), TrendDirection.Rising);
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Contains("0.0833", report.Explanation);
        Assert.Equal(Verdict.Inconclusive, TrajectoryFindings.Trend(T(0.3, 0.2), TrendDirection.Rising).Verdict);
    }

    [Fact]
    public void Trend_is_inconclusive_when_significant_but_the_interval_straddles_zero()
    {
        var t = T(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        var straddling = t with { Trend = t.Trend with { PValue = 0.01, Slope = 0.1, SlopeLower = -0.01, SlopeUpper = 0.2 } };
        Assert.Equal(Verdict.Inconclusive, TrajectoryFindings.Trend(straddling, TrendDirection.Rising).Verdict);
        Assert.Equal(Verdict.Inconclusive, TrajectoryFindings.Trend(straddling, TrendDirection.Falling).Verdict);
        var noInterval = t with { Trend = t.Trend with { PValue = 0.01, Slope = 0.1, SlopeLower = double.NaN, SlopeUpper = double.NaN } };
        Assert.Equal(Verdict.Supported, TrajectoryFindings.Trend(noInterval, TrendDirection.Rising).Verdict);
        var notSignificant = t with { Trend = t.Trend with { PValue = 0.06 } };
        Assert.Equal(Verdict.Inconclusive, TrajectoryFindings.Trend(notSignificant, TrendDirection.Rising).Verdict);
    }

    [Fact]
    public void Monotonic_rise_best_epoch_and_divergence_on_the_reports_numbers()
    {
        var t = LossTrajectory.FromValues(ReportLosses, "train loss");
        Assert.Equal(Verdict.Supported, TrajectoryFindings.MonotonicRise(t, 2, 4).Verdict);
        var whole = TrajectoryFindings.MonotonicRise(t, 1, 5);
        Assert.Equal(Verdict.Contradicted, whole.Verdict);
        Assert.Contains("epoch 5 did not rise", whole.Explanation);
        Assert.Equal(Verdict.Supported, TrajectoryFindings.BestEpoch(t, 1).Verdict);
        Assert.Equal(Verdict.Contradicted, TrajectoryFindings.BestEpoch(t, 3).Verdict);
        Assert.Equal(Verdict.Supported, TrajectoryFindings.Divergence(t).Verdict);
        Assert.Equal(Verdict.Contradicted, TrajectoryFindings.Divergence(T(0.5, 0.45, 0.44, 0.46, 0.43)).Verdict);
        // One jump of > 20 % alone is a warning, not divergence.
        Assert.Equal(Verdict.Contradicted, TrajectoryFindings.Divergence(T(0.5, 0.4, 0.49, 0.45)).Verdict);
    }
}
