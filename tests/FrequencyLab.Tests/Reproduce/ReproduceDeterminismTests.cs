using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>Same options, same numbers: two tiny studies give byte-identical results.json; a second invocation reuses every
/// stage; an interrupted study continued gives the numbers of an uninterrupted one.</summary>
public class ReproduceDeterminismTests
{
    private static ReproduceJob Job(string folder) =>
        new(new ReproduceOptions(folder, RepoPaths.Root) { Profile = ReproduceProfile.Tiny, Jobs = 2 })
        {
            // TorchSharp's run is left out to keep this fast; its determinism is the trainer's, tested with the engines.
            Stages = [new DataStage(), new ProposedFixStage(), new SweepStage(), new ClaimsStage(), new PredictStage()],
        };

    [Fact]
    public void Two_studies_with_the_same_options_give_the_same_results_and_a_rerun_reuses_every_stage()
    {
        using var tmp = new TempDir();
        var a = Job(tmp.File("a")).Run();
        var b = Job(tmp.File("b")).Run();
        var resultsA = File.ReadAllText(Path.Combine(tmp.File("a"), "results.json"));
        Assert.Equal(resultsA, File.ReadAllText(Path.Combine(tmp.File("b"), "results.json")));
        Assert.NotEmpty(a.Results.ProposedRun!.Epochs);
        // Same verdicts and evidence for every claim but the wall-time one (machine and load), which results.json leaves out.
        Assert.Equal(a.Results.Claims!.Count - 1, a.Results.ReproducibleClaims!.Count);
        Assert.Equal(a.Results.ReproducibleClaims!.Select(c => (c.Id, c.Verdict, string.Join(";", c.Evidence))),
            b.Results.ReproducibleClaims!.Select(c => (c.Id, c.Verdict, string.Join(";", c.Evidence))));
        Assert.Equal(2, a.Results.Forecasts!.Count);
        Assert.Equal(a.Results.Sweep.Select(p => p.FinalFrozenTestMse), b.Results.Sweep.Select(p => p.FinalFrozenTestMse));

        var again = Job(tmp.File("a")).Run();
        Assert.All(again.Manifest.Stages, s => Assert.Equal(StageStatus.Reused, s.Status));
        Assert.Equal(a.Manifest.Stages.Select(s => s.Seconds), again.Manifest.Stages.Select(s => s.Seconds));
        Assert.Equal(resultsA, File.ReadAllText(Path.Combine(tmp.File("a"), "results.json")));
    }

    [Fact]
    [Trait("Category", "Slow")] // ~30 s on a shared 2-core machine; the default suite keeps the plain determinism test
    public void A_study_cancelled_in_a_training_run_continues_to_the_numbers_of_an_uninterrupted_one()
    {
        using var tmp = new TempDir();
        Job(tmp.File("whole")).Run();

        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Stage == "proposed-fix" && p.Status == "epoch 2/3") cts.Cancel(); });
        var stopped = Job(tmp.File("cut")).Run(progress, cts.Token);
        Assert.True(stopped.Cancelled);
        Assert.Equal(StageStatus.Cancelled, stopped.Manifest.Stage("proposed-fix")!.Status);
        Assert.Null(stopped.Manifest.Stage("sweep"));
        Assert.True(File.Exists(Path.Combine(tmp.File("cut"), "index.html")), "the page is written after a cancellation too");

        var continued = Job(tmp.File("cut")).Run();
        Assert.False(continued.Cancelled);
        Assert.Equal(StageStatus.Reused, continued.Manifest.Stage("data")!.Status);
        Assert.Equal(StageStatus.Completed, continued.Manifest.Stage("proposed-fix")!.Status);
        Assert.Equal(File.ReadAllText(Path.Combine(tmp.File("whole"), "results.json")), File.ReadAllText(Path.Combine(tmp.File("cut"), "results.json")));
    }

    private sealed class SyncProgress(Action<ReproduceProgress> report) : IProgress<ReproduceProgress>
    {
        public void Report(ReproduceProgress value) => report(value);
    }
}
