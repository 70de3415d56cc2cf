using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>The report's own run: Adam 1e-3, 5 epochs, on TorchSharp (the reference engine), with frozen evaluations; it
/// runs alongside the next stages (<see cref="IReproduceStage.RunsAlongside"/>).</summary>
public sealed class ReportRunStage : TrainingRunStage
{
    public override string Name => "report-run";
    public override string Title => "the report's run (lr 1e-3, TorchSharp)";
    public override TrainingConfig Config(ReproduceContext context) => context.ReportRun;
    public override string FolderName => ReproduceLayout.ReportRunName;

    /// <summary>TorchSharp steps one row at a time on one thread; nothing but the page reads this run, so the fused stages
    /// use the other cores meanwhile.</summary>
    public override bool RunsAlongside => true;
}
