using FrequencyLab.Evaluation;
using FrequencyLab.Scales;
using FrequencyLab.Tests.Notebooks;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Evaluation;

/// <summary>Notebook 05's model: trained here (no run given) and read from a run folder give the same training at the same
/// scale; the notebook tests run it on a run folder, so the trained-here path is checked here, at the tiny scale.</summary>
public class ChosenModelTests
{
    [Fact]
    public void A_model_trained_here_matches_the_same_config_trained_into_a_run_folder()
    {
        using var tmp = new TempDir();
        var config = StudyScales.Tiny.ProposedFix;
        var lines = new List<string>();

        var here = ChosenModel.Train(config, TrainingData.Load(config.Data), lines.Add);
        var fromRun = ChosenModel.FromRun(QuickNotebookParameters.TinyProposedFix(tmp.File("run")));

        Assert.Equal(config, here.Config);
        Assert.Equal(here.History.Epochs.Count, lines.Count);
        Assert.Equal(here.History.Epochs.Select(e => e.TrainLoss), fromRun.History.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(here.Weights.Length, fromRun.Weights.Length);
        Assert.StartsWith("trained here: fused, lr 0.0001", here.Description);
        Assert.Contains("checkpoint of", fromRun.Description);
    }
}
