using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// Lightning's EarlyStopping (mode min) on synthetic sequences. Expected outcomes are worked by hand from
/// lightning/pytorch/callbacks/early_stopping.py's _evaluate_stopping_criteria, quoted in each case.
/// </summary>
public class EarlyStoppingTests
{
    private static (int StoppedAt, EarlyStoppingVerdict Verdict, EarlyStopping Stopper) Run(EarlyStoppingSettings s, params double[] values)
    {
        var es = new EarlyStopping(s);
        for (int i = 0; i < values.Length; i++)
        {
            var v = es.Check(values[i], i + 1);
            if (EarlyStopping.ShouldStop(v)) return (i + 1, v, es);
        }
        return (0, EarlyStoppingVerdict.Continue, es);
    }

    [Fact]
    public void Patience_counts_checks_without_improvement_and_stops_when_wait_reaches_it()
    {
        // best 0.5 at check 2; checks 3, 4, 5 do not improve: wait 1, 2, 3 ≥ 3 → stop at check 5.
        var (at, v, es) = Run(new EarlyStoppingSettings(Patience: 3), 1.0, 0.5, 0.5, 0.6, 0.7, 0.1);
        Assert.Equal(5, at);
        Assert.Equal(EarlyStoppingVerdict.PatienceExhausted, v);
        Assert.Equal(new EarlyStoppingState(0.5, 3, 5), es.State);
    }

    [Fact]
    public void Improvement_must_beat_best_by_more_than_min_delta()
    {
        // min mode: improved ⇔ current + min_delta < best. 0.95 + 0.1 = 1.05 ≮ 1.0 → wait 1; 0.89 + 0.1 < 1.0 → best 0.89.
        var es = new EarlyStopping(new EarlyStoppingSettings(Patience: 2, MinDelta: 0.1));
        Assert.Equal(EarlyStoppingVerdict.Improved, es.Check(1.0, 1));
        Assert.Equal(EarlyStoppingVerdict.Continue, es.Check(0.95, 2));
        Assert.Equal(1, es.State.WaitCount);
        Assert.Equal(EarlyStoppingVerdict.Improved, es.Check(0.89, 3));
        Assert.Equal(new EarlyStoppingState(0.89, 0, 0), es.State);
        // Exactly min_delta better is not an improvement (strict <); binary fractions make the sum exact.
        var exact = new EarlyStopping(new EarlyStoppingSettings(Patience: 5, MinDelta: 0.25));
        exact.Check(1.0, 1);
        Assert.Equal(EarlyStoppingVerdict.Continue, exact.Check(0.75, 2));
    }

    [Fact]
    public void Non_finite_stops_first_and_leaves_best_and_wait_alone()
    {
        var es = new EarlyStopping(new EarlyStoppingSettings(Patience: 3, StoppingThreshold: 0.001));
        es.Check(0.5, 1);
        es.Check(0.6, 2);
        // −∞ is below the stopping threshold too: the finiteness check comes first.
        Assert.Equal(EarlyStoppingVerdict.NotFinite, es.Check(double.NegativeInfinity, 3));
        Assert.Equal(new EarlyStoppingState(0.5, 1, 3), es.State);
    }

    [Fact]
    public void Without_check_finite_nan_is_a_bad_check_and_minus_infinity_an_improvement()
    {
        var es = new EarlyStopping(new EarlyStoppingSettings(Patience: 2, CheckFinite: false));
        es.Check(0.5, 1);
        Assert.Equal(EarlyStoppingVerdict.Continue, es.Check(double.NaN, 2));
        Assert.Equal(EarlyStoppingVerdict.Improved, es.Check(double.NegativeInfinity, 3));
        Assert.Equal(EarlyStoppingVerdict.Continue, es.Check(double.NaN, 4));
        Assert.Equal(EarlyStoppingVerdict.PatienceExhausted, es.Check(double.NaN, 5));
    }

    [Fact]
    public void Stopping_threshold_is_checked_before_divergence_and_before_improvement()
    {
        // 0.01 is below stopping threshold 0.02 (and below best): the threshold wins, best stays 0.5.
        var (at, v, es) = Run(new EarlyStoppingSettings(Patience: 10, StoppingThreshold: 0.02, DivergenceThreshold: 1.0), 0.5, 0.01);
        Assert.Equal((2, EarlyStoppingVerdict.StoppingThresholdReached), (at, v));
        Assert.Equal(0.5, es.State.BestScore);
    }

    [Fact]
    public void Divergence_threshold_stops_as_soon_as_value_is_above_it()
    {
        // The report's epochs: 0.462460 > 0.45 at epoch 4.
        var (at, v, _) = Run(new EarlyStoppingSettings(Patience: 10, DivergenceThreshold: 0.45), 0.284746, 0.405873, 0.411108, 0.462460, 0.458013);
        Assert.Equal((4, EarlyStoppingVerdict.DivergenceThresholdReached), (at, v));
    }

    [Fact]
    public void The_reports_own_losses_with_its_plan_stop_never_in_five_epochs_but_patience_one_stops_at_two()
    {
        double[] report = [0.284746, 0.405873, 0.411108, 0.462460, 0.458013];
        Assert.Equal(0, Run(EarlyStoppingSettings.ReportPlan, report).StoppedAt);
        Assert.Equal(2, Run(new EarlyStoppingSettings(Patience: 1), report).StoppedAt);
        // Patience 0 behaves like 1 in Lightning: wait is incremented before the comparison.
        Assert.Equal(2, Run(new EarlyStoppingSettings(Patience: 0), report).StoppedAt);
    }
}
