using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

public class DivergenceAlertsTests
{
    private static List<TrainingEvent> Run(params double[] losses)
    {
        var state = DivergenceAlertState.Initial;
        var all = new List<TrainingEvent>();
        for (int e = 0; e < losses.Length; e++)
        {
            var (events, next) = DivergenceAlerts.Evaluate(state, e + 1, losses[e]);
            all.AddRange(events);
            state = next;
        }
        return all;
    }

    [Fact]
    public void The_reports_five_epochs_fire_what_its_own_analysis_saw()
    {
        // 0.284746 → 0.405873 is +42.5 % (jump) and 1.43× best (below 1.5); epoch 4 is 1.62× best and the third rise in a row.
        var events = Run(0.284746, 0.405873, 0.411108, 0.462460, 0.458013);
        var jump = Assert.Single(events, e => e.Kind == TrainingEventKind.LossJump);
        Assert.Equal(2, jump.Epoch);
        Assert.Equal(0.405873 / 0.284746, jump.Values["ratio"], 12);
        Assert.Equal([4, 5], events.Where(e => e.Kind == TrainingEventKind.AboveBest).Select(e => e.Epoch));
        var rises = Assert.Single(events, e => e.Kind == TrainingEventKind.ConsecutiveIncreases);
        Assert.Equal(4, rises.Epoch);
        Assert.Equal(3, rises.Values["increases"]);
        Assert.DoesNotContain(events, e => e.Kind == TrainingEventKind.NonFinite);
    }

    [Fact]
    public void Boundaries_are_strict()
    {
        // Exactly 1.2× the previous and exactly 1.5× best do not fire (the report's checks use >); one ulp more does.
        double prev = 0.3, atJump = prev * DivergenceAlerts.JumpRatio, atBest = prev * DivergenceAlerts.BestRatio;
        Assert.DoesNotContain(Run(prev, atJump), e => e.Kind == TrainingEventKind.LossJump);
        Assert.Single(Run(prev, Math.BitIncrement(atJump)), e => e.Kind == TrainingEventKind.LossJump);
        Assert.DoesNotContain(Run(prev, atBest), e => e.Kind == TrainingEventKind.AboveBest);
        Assert.Single(Run(prev, Math.BitIncrement(atBest)), e => e.Kind == TrainingEventKind.AboveBest);
    }

    [Fact]
    public void Non_finite_loss_fires_and_breaks_the_run_of_increases()
    {
        var events = Run(0.1, 0.2, double.NaN, 0.3, 0.4, 0.5);
        var bad = Assert.Single(events, e => e.Kind == TrainingEventKind.NonFinite);
        Assert.Equal(3, bad.Epoch);
        // After the NaN the rises restart: 0.3→0.4→0.5 is only two increases.
        Assert.DoesNotContain(events, e => e.Kind == TrainingEventKind.ConsecutiveIncreases);
    }
}
