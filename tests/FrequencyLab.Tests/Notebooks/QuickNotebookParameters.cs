using FrequencyLab.Claims;
using FrequencyLab.Notebooks;
using FrequencyLab.Reproduce;
using FrequencyLab.Scales;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>
/// What the notebook tests run a notebook of notebooks/ with: <c>quick = true</c> and, for a notebook that shows the claims
/// ledger's runs (its parameters cell declares <c>ledgerRuns</c>), a fresh runs folder of the tiny scale's ledger
/// (<see cref="StudyScales.Tiny"/>, 200 rows), as a tiny study passes its own: the notebook trains the tiny experiments
/// into it instead of the quick ledger's (8,000 rows, a minute or more per notebook) in memory; for a notebook that evaluates
/// a run (declares <c>runDir</c>), the tiny scale's proposed fix trained into a run folder (what notebook 05 trains itself
/// when given none is <see cref="FrequencyLab.Evaluation.ChosenModel.Train(TrainingConfig, TrainingData, IProgress{TrainingProgress}?, CancellationToken)"/>,
/// tested at the tiny scale in ChosenModelTests).
/// </summary>
public static class QuickNotebookParameters
{
    public static IReadOnlyList<NotebookParameter> For(string notebookPath, string scratchFolder)
    {
        var parameters = new List<NotebookParameter> { NotebookParameter.Create(NotebooksFolderTests.QuickParameter, true) };
        var cell = NotebookFile.Read(notebookPath).Cells.FirstOrDefault(c => c.HasTag(ParameterInjector.ParametersTag));
        if (cell is not null && ParameterInjector.DeclaredKinds(cell.Source).ContainsKey(NotebooksStage.LedgerRunsParameter))
        {
            var folder = LedgerRunsFolder.For(Path.Combine(scratchFolder, "ledger-runs"), StudyScales.Tiny.Ledger);
            LedgerRunsFolder.Record(folder, StudyScales.Tiny.Ledger);
            parameters.Add(NotebookParameter.Create(NotebooksStage.LedgerRunsParameter, folder));
        }
        if (cell is not null && ParameterInjector.DeclaredKinds(cell.Source).ContainsKey(NotebooksStage.RunDirParameter))
            parameters.Add(NotebookParameter.Create(NotebooksStage.RunDirParameter, TinyProposedFix(Path.Combine(scratchFolder, "proposed"))));
        return parameters;
    }

    /// <summary>The tiny scale's proposed fix, trained into <paramref name="folder"/> (config, history, checkpoints).</summary>
    public static string TinyProposedFix(string folder)
    {
        var config = StudyScales.Tiny.ProposedFix;
        var history = new StatefulTrainer(config, TrainingData.Load(config.Data)) { Output = RunDirectory.CreateNew(folder, config) }.Run();
        if (history.Epochs.Count == 0) throw new InvalidOperationException($"the tiny proposed fix trained no epoch: {history.StopMessage}");
        return folder;
    }
}
