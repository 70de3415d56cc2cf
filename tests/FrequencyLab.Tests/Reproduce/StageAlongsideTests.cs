using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>
/// A stage that runs alongside (the report's single-threaded TorchSharp run) overlaps the next stages when the study has two
/// or more jobs, and runs in its turn with one; either way its record is kept in the stages' order and the page waits for it.
/// </summary>
public class StageAlongsideTests
{
    /// <summary>Waits (up to a timeout) for the stage after it to start: it completes only when the two overlap.</summary>
    private sealed class WaitsForNext(ManualResetEventSlim nextStarted) : IReproduceStage
    {
        public string Name => "alongside";
        public string Title => "waits for the next stage";
        public bool RunsAlongside => true;
        public int Runs(ReproduceContext context) => 1;
        public string Fingerprint(ReproduceContext context) => "a";
        public bool OutputsExist(ReproduceContext context) => true;
        public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken) =>
            nextStarted.Wait(TimeSpan.FromSeconds(5), cancellationToken) ? "overlapped" : throw new FrequencyLabException("ran alone");
    }

    private sealed class Signals(ManualResetEventSlim started, string name) : IReproduceStage
    {
        public string Name => name;
        public string Title => name;
        public int Runs(ReproduceContext context) => 1;
        public string Fingerprint(ReproduceContext context) => name;
        public bool OutputsExist(ReproduceContext context) => true;
        public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
        {
            started.Set();
            return "ran";
        }
    }

    private static ReproduceOutcome Run(string folder, int jobs)
    {
        var nextStarted = new ManualResetEventSlim();
        return new ReproduceJob(new ReproduceOptions(folder, RepoPaths.Root) { Profile = ReproduceProfile.Tiny, Jobs = jobs })
        {
            Stages = [new DataStage(), new WaitsForNext(nextStarted), new Signals(nextStarted, "next"), new Signals(new ManualResetEventSlim(), "last")],
        }.Run();
    }

    [Fact]
    public void With_two_jobs_the_stage_overlaps_the_next_and_keeps_its_place_in_the_manifest()
    {
        using var tmp = new TempDir();
        var outcome = Run(tmp.File("study"), jobs: 2);
        Assert.Equal(["data", "alongside", "next", "last"], outcome.Manifest.Stages.Select(s => s.Name));
        Assert.All(outcome.Manifest.Stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal("overlapped", outcome.Manifest.Stage("alongside")!.Summary);
        Assert.Equal(outcome.Manifest.Stages.Select(s => s.Name), ReproduceManifest.TryRead(Path.Combine(tmp.File("study"), "reproduce.json"))!.Stages.Select(s => s.Name));
    }

    [Fact]
    public void With_one_job_it_runs_in_its_turn()
    {
        using var tmp = new TempDir();
        var outcome = Run(tmp.File("study"), jobs: 1);
        // Alone, it waits for a stage that has not started: it fails, and the study stops there as it does for any failure.
        var alongside = outcome.Manifest.Stage("alongside")!;
        Assert.Equal(StageStatus.Failed, alongside.Status);
        Assert.Equal("ran alone", alongside.Message);
        Assert.Null(outcome.Manifest.Stage("next"));
    }
}
