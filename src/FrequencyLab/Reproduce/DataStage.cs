using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Training;
using FrequencyLab.Validation;

namespace FrequencyLab.Reproduce;

/// <summary>The train (seed 1) and test (seed 2) sets as .npy files with sidecars, and their validation report.</summary>
public sealed class DataStage : IReproduceStage
{
    public string Name => "data";
    public string Title => "data (train seed 1, test seed 2) and validation";
    public int Runs(ReproduceContext context) => 1;

    public double OtherWork(ReproduceContext context) => 2; // generating and checking 80,000 rows: about two fused epochs

    public string Fingerprint(ReproduceContext context) =>
        ReproduceContext.Hash(Name, HistoryJson.Serialize(TrainingConfig.Report with { Data = context.Data with { TrainFile = null, TestFile = null } }));

    public bool OutputsExist(ReproduceContext context) =>
        File.Exists(context.Layout.TrainData) && File.Exists(context.Layout.TestData) && File.Exists(context.Layout.Validation);

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var layout = context.Layout;
        Directory.CreateDirectory(layout.DataFolder);
        var spec = context.Profile.Spec;
        var train = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, ReproduceContext.TrainSeed), RowOrder.Blocks);
        var test = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, ReproduceContext.TestSeed), RowOrder.Blocks);
        cancellationToken.ThrowIfCancellationRequested();
        // float64, as `freqlab generate` writes; regenerating gives the same bytes, so rewriting our own file is harmless.
        DatasetIO.Write(train, layout.TrainData);
        DatasetIO.Write(test, layout.TestData);
        progress.Report(new StageProgress(0, 0.5, "validation report"));
        var report = ValidationReport.Compute(DatasetIO.Read(layout.TrainData), DatasetIO.Read(layout.TestData));
        AtomicFile.WriteAllText(layout.Validation, report.ToJson());
        var problems = report.Problems;
        return $"{train.RowCount:N0} train + {test.RowCount:N0} test rows; validation: {(problems.Count == 0 ? "no structural problem" : string.Join("; ", problems))}";
    }
}
