using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

public class DatasetSidecarTests
{
    [Theory]
    [InlineData("d.npy", NpyDType.Float64)]
    [InlineData("d.csv", NpyDType.Float32)]
    public void The_sidecar_regenerates_the_rows_of_its_file(string name, NpyDType dtype)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        var spec = new SignalSpec { Frequencies = [1, 2], SampleRate = 30, Duration = 1.5, Noise = NoiseMode.PerSeries };
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 4), RowOrder.Interleaved), path, dtype: dtype);

        var again = DatasetIO.ReadSidecar(path)!.Regenerate();

        var read = DatasetIO.Read(path);
        Assert.Equal(again.Inputs.Select(v => dtype.Round(v)), read.Inputs);
        Assert.Equal(again.Targets.Select(v => dtype.Round(v)), read.Targets);
        Assert.Equal(RowOrder.Interleaved, again.Order);
    }

    [Fact]
    public void A_sidecar_without_spec_cannot_regenerate()
    {
        var sidecar = new DatasetSidecar(DatasetSidecar.GeneratorName, DatasetFormat.Npy, NpyDType.Float64, 0, 1, RowOrder.Blocks, null, null, new string('0', 64));
        Assert.Contains("no spec or seed", Assert.Throws<FrequencyLabException>(sidecar.Regenerate).Message);
    }

    [Fact]
    public void Json_round_trip_keeps_every_field_including_a_large_seed()
    {
        var spec = new SignalSpec { Frequencies = [0.5, 2.25], SampleRate = 10.5, Duration = 3, AmplitudeMin = 0.1, AmplitudeMax = 0.3, PhaseMin = -1, PhaseMax = Math.PI };
        var s = new DatasetSidecar(DatasetSidecar.GeneratorName, DatasetFormat.Csv, NpyDType.Float32, 63, 2, RowOrder.Interleaved, ulong.MaxValue, spec, new string('a', 64));
        var back = DatasetSidecar.Parse(s.ToJson(), "x.json");
        Assert.Equal(s, back);
        Assert.Contains("\"generator\": \"numpy-pcg64\"", s.ToJson());
        Assert.Contains("\"schema\": 1", s.ToJson());
    }

    [Theory]
    [InlineData("{\"schema\": 2}", "schema 2 is not supported")]
    [InlineData("{}", "has no 'schema' field")]
    [InlineData("null", "sidecar is empty")]
    public void Broken_sidecars_are_named(string json, string problem)
    {
        var e = Assert.Throws<DataFileException>(() => DatasetSidecar.Parse(json, "x.npy.json"));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("x.npy.json: ", e.Message);
    }

    [Fact]
    public void Report_datasets_are_seed_1_train_and_seed_2_test()
    {
        var train = ReportDatasets.Train();
        var test = ReportDatasets.Test(RowOrder.Interleaved);
        Assert.Equal((1UL, 2UL), (train.Seed!.Value, test.Seed!.Value));
        Assert.Equal(40_000, train.RowCount);
        Assert.Equal(RowOrder.Blocks, train.Order);
        Assert.Equal(RowOrder.Interleaved, test.Order);
        Assert.Equal(SignalSpec.Default, test.Spec);
    }
}
