using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>The report's proposed fix: lr 1e-4, up to 50 epochs, early stopping (its §5.2).</summary>
public sealed class ProposedFixStage : TrainingRunStage
{
    public override string Name => "proposed-fix";
    public override string Title => "the report's proposed fix (lr 1e-4, early stopping)";
    public override TrainingConfig Config(ReproduceContext context) => context.ProposedRun;
    public override string FolderName => ReproduceLayout.ProposedRunName;
}
