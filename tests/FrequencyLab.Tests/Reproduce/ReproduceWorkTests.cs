using FrequencyLab.Grid;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>The study's progress fraction and ETA weigh each stage by its work (<see cref="RunCost"/>), not by its count of
/// runs: the claims ledger, most of the full study's CPU seconds, was 14 % of the bar when each run counted one.</summary>
public class ReproduceWorkTests
{
    private static (string Name, double Work)[] Work(ReproduceProfile profile, int jobs)
    {
        using var tmp = new TempDir();
        var options = new ReproduceOptions(tmp.File("study"), RepoPaths.Root) { Profile = profile, Jobs = jobs };
        var job = new ReproduceJob(options);
        var work = job.StageWork(new ReproduceContext(options));
        return [.. job.Stages.Select((s, i) => (s.Name, work[i]))];
    }

    [Fact]
    public void The_full_study_weighs_the_ledger_by_what_it_trains_beyond_the_earlier_stages()
    {
        var work = Work(ReproduceProfile.Full, jobs: 2).ToDictionary(w => w.Name, w => w.Work);
        // Alongside the others, the TorchSharp run's time overlaps theirs; inline (one job) it is 5 epochs at 30 each.
        Assert.Equal(0, work["report-run"]);
        Assert.Equal(5 * RunCost.TorchFactor, Work(ReproduceProfile.Full, jobs: 1).Single(w => w.Name == "report-run").Work);
        // The sweep: 4 learning rates × 4 seeds × 20 epochs of the report's model.
        Assert.Equal(320, work["sweep"]);
        // The ledger: eight 50-epoch contingencies × 3 seeds (hidden-128 at 4×, hidden-32 at ¼, accumulate-10 at
        // 0.4 + 0.6/10), six 5-epoch experiments × 3 seeds, the restart's 30 epochs past the sweep's 20 × 3 seeds; the lr
        // 1e-3 and 1e-4 experiments and the report run's seeds are the sweep's and the report-run stage's runs.
        Assert.Equal(5 * 150 + 150 * 0.46 + 150 * 4 + 150 / 4.0 + 6 * 15 + 90, work["claims"], 9);
        Assert.True(work["claims"] > work.Where(w => w.Key != "claims").Sum(w => w.Value), string.Join(", ", work));
    }

    [Fact]
    public void A_tiny_study_reports_fractions_that_end_at_one_and_a_bar_that_never_runs_backwards_on_the_main_thread()
    {
        using var tmp = new TempDir();
        var fractions = new List<double>();
        var job = new ReproduceJob(new ReproduceOptions(tmp.File("study"), RepoPaths.Root) { Profile = ReproduceProfile.Tiny, Jobs = 1 })
        {
            Stages = [new DataStage(), new ProposedFixStage(), new SweepStage(), new PredictStage()],
        };
        var outcome = job.Run(new FrequencyLab.Diagnostics.InlineProgress<ReproduceProgress>(p => fractions.Add(p.Fraction)));
        Assert.False(outcome.Cancelled);
        Assert.Equal(1, fractions[^1], 9);
        for (int i = 1; i < fractions.Count; i++) Assert.True(fractions[i] >= fractions[i - 1] - 1e-12, $"report {i}: {fractions[i - 1]} → {fractions[i]}");
    }
}
