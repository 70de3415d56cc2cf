using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>A write that fails leaves the previous data file and sidecar exactly as they were (and no temporary file).</summary>
public sealed class DatasetIOWriteFailureTests : IDisposable
{
    private static readonly SignalSpec Small = new() { Frequencies = [2, 4], SampleRate = 40, Duration = 1 };
    private readonly TempDir _dir = new();
    private readonly FrequencyDataset _good = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 1), RowOrder.Blocks);

    public void Dispose() => _dir.Dispose();

    private FrequencyDataset WithInput(int index, double value)
    {
        var inputs = (double[])_good.Inputs.Clone();
        inputs[index] = value;
        return new FrequencyDataset(inputs, _good.Targets, _good.FrequencyIndex, _good.TimeIndex, _good.FrequencyCount, _good.Order, _good.Spec, _good.Seed);
    }

    [Theory]
    [InlineData("d.npy")]
    [InlineData("d.csv")]
    public void Data_with_nan_are_refused_and_the_previous_pair_survives(string name)
    {
        var path = _dir.File(name);
        DatasetIO.Write(_good, path);
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));

        var e = Assert.Throws<DataFileException>(() => DatasetIO.Write(WithInput(3 * 3, double.NaN), path));

        Assert.Equal($"{path}: refusing to write: NaN in column S at row 3 (0-based)", e.Message);
        prior.AssertUnchanged();
        Assert.Equal(_good.Inputs, DatasetIO.Read(path).Inputs);
    }

    [Fact]
    public void A_value_beyond_float32_range_is_refused_for_a_float32_file()
    {
        var path = _dir.File("d.npy");
        DatasetIO.Write(_good, path, dtype: NpyDType.Float32);
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Write(WithInput(6, 1e300), path, dtype: NpyDType.Float32));
        Assert.Equal($"{path}: refusing to write: +Inf in column S at row 2 (0-based) after rounding to float32 (the value is out of float32 range)", e.Message);
        prior.AssertUnchanged();
    }

    [Fact]
    public void Rows_that_are_not_one_hot_are_refused()
    {
        var path = _dir.File("d.npy");
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Write(WithInput(1 * 3 + 2, 1.0), path));
        Assert.Contains("refusing to write: row 1 (0-based) is not one-hot", e.Message);
        prior.AssertUnchanged();
    }

    [Fact]
    public void Extension_that_disagrees_with_the_format_is_refused()
    {
        var path = _dir.File("d.npy");
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Write(_good, path, DatasetFormat.Csv));
        Assert.Equal($"{path}: extension '.npy' does not match format csv", e.Message);
        prior.AssertUnchanged();
    }

    [Fact]
    public void When_the_sidecar_cannot_be_written_the_previous_data_file_is_restored()
    {
        var path = _dir.File("d.npy");
        NpyFile.Write(path, new double[] { 0.5, 1, 0, 0.25 }, [1, 4]);
        Directory.CreateDirectory(DatasetSidecar.PathFor(path)); // a folder where the sidecar should go: its rename fails
        var prior = new PriorFiles(path);

        Assert.ThrowsAny<IOException>(() => DatasetIO.Write(_good, path));

        prior.AssertUnchanged();
    }

    [Fact]
    public void When_the_sidecar_cannot_be_written_a_new_data_file_is_removed()
    {
        var path = _dir.File("d.csv");
        Directory.CreateDirectory(DatasetSidecar.PathFor(path));
        Assert.ThrowsAny<IOException>(() => DatasetIO.Write(_good, path));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }
}
