using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Evaluation;

/// <summary>
/// The train and test sets of a run in both forms an evaluation needs: the datasets (for notebook 01's baselines, in
/// double precision) and the model's rows (float32, as the model sees them).
/// </summary>
public sealed record EvaluationSets(FrequencyDataset Train, FrequencyDataset Test, TrainingData Rows)
{
    /// <summary>The files of <paramref name="config"/> when it names them, else the sets generated from its spec and seeds.
    /// Every row is used (the config's MaxRows, a test-only shortcut, is ignored here).</summary>
    public static EvaluationSets Load(TrainingDataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var all = config with { MaxRows = null };
        FrequencyDataset Set(string? file, ulong seed) =>
            file is not null ? DatasetIO.Read(file) : FrequencyDataset.FromSignals(SignalGenerator.Generate(all.Spec, seed), all.Order);
        return new EvaluationSets(Set(all.TrainFile, all.TrainSeed), Set(all.TestFile, all.TestSeed), TrainingData.Load(all));
    }
}
