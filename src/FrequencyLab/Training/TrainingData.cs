using System.Security.Cryptography;
using FrequencyLab.Data;
using FrequencyLab.Signals;

namespace FrequencyLab.Training;

/// <summary>The train and test rows of a run, built from a <see cref="TrainingDataConfig"/>.</summary>
public sealed record TrainingData(TrainingRows Train, TrainingRows Test)
{
    /// <summary>Generates the rows from the spec and seeds, or reads the two files (with their SHA-256 for the history).</summary>
    public static TrainingData Load(TrainingDataConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.TrainFile is { } trainFile && config.TestFile is { } testFile)
            return new TrainingData(Read(trainFile, config.MaxRows), Read(testFile, config.MaxRows));
        return new TrainingData(Generate(config.Spec, config.TrainSeed, config.Order, config.MaxRows),
            Generate(config.Spec, config.TestSeed, config.Order, config.MaxRows));
    }

    public static TrainingRows Generate(SignalSpec spec, ulong seed, RowOrder order, int? maxRows = null)
    {
        var ds = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, seed), order);
        return new TrainingRows(ds, new DataProvenance("generated", ds.RowCount, seed), maxRows);
    }

    public static TrainingRows Read(string path, int? maxRows = null)
    {
        var ds = DatasetIO.Read(path);
        string sha;
        using (var stream = File.OpenRead(path)) sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new TrainingRows(ds, new DataProvenance("file", ds.RowCount, ds.Seed, Path.GetFullPath(path), sha), maxRows);
    }
}
