using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

public class DatasetIORoundTripTests
{
    private static readonly SignalSpec Small = new() { Frequencies = [1, 3, 5], SampleRate = 50, Duration = 2 };

    public static TheoryData<string, NpyDType, RowOrder> Cases() => new()
    {
        { "d.npy", NpyDType.Float64, RowOrder.Blocks },
        { "d.npy", NpyDType.Float32, RowOrder.Interleaved },
        { "d.csv", NpyDType.Float64, RowOrder.Interleaved },
        { "d.csv", NpyDType.Float32, RowOrder.Blocks },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_then_read_gives_the_same_rows_bit_for_bit(string name, NpyDType dtype, RowOrder order)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        var original = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 7), order);

        DatasetIO.Write(original, path, dtype: dtype);
        var read = DatasetIO.Read(path);

        Assert.Equal(original.Inputs.Select(v => dtype.Round(v)), read.Inputs);
        Assert.Equal(original.Targets.Select(v => dtype.Round(v)), read.Targets);
        Assert.Equal(original.FrequencyIndex, read.FrequencyIndex);
        Assert.Equal(original.TimeIndex, read.TimeIndex);
        Assert.Equal(order, read.Order);
        Assert.Equal(Small, read.Spec);
        Assert.Equal(7UL, read.Seed);
        var sidecar = DatasetIO.ReadSidecar(path)!;
        Assert.Equal(dtype, sidecar.DType);
        Assert.Equal("numpy-pcg64", sidecar.Generator);
    }

    [Theory]
    [InlineData("d.npy", RowOrder.Blocks)]
    [InlineData("d.npy", RowOrder.Interleaved)]
    [InlineData("d.csv", RowOrder.Blocks)]
    [InlineData("d.csv", RowOrder.Interleaved)]
    public void A_file_without_sidecar_reads_with_inferred_order_and_no_spec(string name, RowOrder order)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        var original = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 3), order);
        DatasetIO.Write(original, path);
        File.Delete(DatasetSidecar.PathFor(path));

        var read = DatasetIO.Read(path);

        Assert.Equal(original.Inputs, read.Inputs);
        Assert.Equal(original.Targets, read.Targets);
        Assert.Equal(original.FrequencyIndex, read.FrequencyIndex);
        Assert.Equal(original.TimeIndex, read.TimeIndex);
        Assert.Equal(order, read.Order);
        Assert.Null(read.Spec);
        Assert.Null(read.Seed);
    }

    [Theory]
    [InlineData(1, NpyDType.Float64)]
    [InlineData(2, NpyDType.Float64)]
    [InlineData(2, NpyDType.Float32)]
    public void A_dataset_is_written_and_read_in_npy_format_version_1_or_2(byte major, NpyDType dtype)
    {
        using var dir = new TempDir();
        var path = dir.File("d.npy");
        var original = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 4), RowOrder.Interleaved);

        DatasetIO.Write(original, path, dtype: dtype, npyVersion: new NpyVersion(major, 0));

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(major, bytes[6]);
        Assert.Equal(new NpyVersion(major, 0), NpyFile.Read(path).Version);
        var read = DatasetIO.Read(path);
        Assert.Equal(original.Inputs.Select(v => dtype.Round(v)), read.Inputs);
        Assert.Equal(original.Targets.Select(v => dtype.Round(v)), read.Targets);
        Assert.Equal(RowOrder.Interleaved, read.Order);
        Assert.Equal(4UL, read.Seed);
    }

    [Fact]
    public void Npy_format_version_3_is_read_but_not_offered_for_datasets()
    {
        using var dir = new TempDir();
        var ds = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 1), RowOrder.Blocks);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DatasetIO.Write(ds, dir.File("d.npy"), npyVersion: NpyVersion.V3));
        Assert.Contains("1.0 or 2.0", e.Message);
        Assert.False(File.Exists(dir.File("d.npy")));
    }

    [Fact]
    public void Csv_has_the_documented_header_and_npy_the_documented_shape()
    {
        using var dir = new TempDir();
        var ds = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 1), RowOrder.Blocks);
        DatasetIO.Write(ds, dir.File("d.csv"));
        DatasetIO.Write(ds, dir.File("d.npy"));

        Assert.Equal("t,S,C1,C2,C3,target", File.ReadLines(dir.File("d.csv")).First());
        var npy = NpyFile.Read(dir.File("d.npy"));
        Assert.Equal(new[] { 300, 5 }, npy.Shape);
        Assert.Equal(NpyVersion.V1, npy.Version);
        Assert.Equal(ds.Targets[17], npy.Values[17 * 5 + 4]);
        Assert.Equal(ds.Inputs[17 * 4], npy.Values[17 * 5]);
    }
}
