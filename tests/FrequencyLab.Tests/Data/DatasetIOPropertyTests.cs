using CsCheck;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>CsCheck properties: whatever the values, .npy and CSV give back exactly what was written.</summary>
public class DatasetIOPropertyTests
{
    // Every double, including NaN payloads, infinities, subnormals and −0.
    private static readonly Gen<double> AnyDouble = Gen.Long.Select(BitConverter.Int64BitsToDouble);
    private static readonly Gen<double> FiniteDouble = Gen.OneOf(AnyDouble.Where(double.IsFinite), Gen.Double[-2, 2], Gen.Const(-0.0));

    private static readonly Gen<(int[] Shape, double[] Values)> AnyArray =
        Gen.Int[0, 3].SelectMany(rank => Gen.Int[0, 7].Array[rank])
            .SelectMany(shape => AnyDouble.Array[(int)NpyHeader.ElementCount(shape)].Select(values => (shape, values)));

    [Fact]
    public void Npy_encode_then_decode_is_the_identity_for_any_float64_array()
    {
        AnyArray.Sample(a =>
        {
            var bytes = NpyFile.Encode(a.Values, a.Shape);
            Assert.Equal(0, (bytes.Length - a.Values.Length * 8) % NpyHeader.Alignment);
            var back = NpyFile.Decode(bytes, "mem.npy");
            Assert.Equal(a.Shape, back.Shape);
            Assert.Equal(a.Values.Select(BitConverter.DoubleToInt64Bits), back.Values.Select(BitConverter.DoubleToInt64Bits));
        }, iter: 300);
    }

    [Fact]
    public void Npy_float32_and_version_2_round_trip_the_rounded_values()
    {
        AnyArray.Sample(a =>
        {
            foreach (var version in new[] { NpyVersion.V1, NpyVersion.V2, NpyVersion.V3 })
            {
                var back = NpyFile.Decode(NpyFile.Encode(a.Values, a.Shape, NpyDType.Float32, version), "mem.npy");
                Assert.Equal(version, back.Version);
                Assert.Equal(NpyDType.Float32, back.DType);
                Assert.Equal(a.Values.Select(v => BitConverter.SingleToInt32Bits((float)v)), back.Values.Select(v => BitConverter.SingleToInt32Bits((float)v)));
            }
        }, iter: 100);
    }

    // Float32 files can only hold values that stay finite as float32 (writing others is refused, see the write-failure tests).
    private static Gen<FrequencyDataset> AnyDataset(NpyDType dtype) =>
        Gen.Select(Gen.Int[1, 5], Gen.Int[0, 12], Gen.Enum<RowOrder>())
            .SelectMany(t => FiniteDouble.Where(v => double.IsFinite(dtype.Round(v))).Array[t.Item1 * t.Item2 * 2]
                .Select(v => Build(t.Item1, t.Item2, t.Item3, v)));

    private static FrequencyDataset Build(int k, int n, RowOrder order, double[] values)
    {
        int rows = k * n;
        var inputs = new double[rows * (k + 1)];
        var targets = new double[rows];
        var freq = new int[rows];
        var time = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            (freq[r], time[r]) = order == RowOrder.Blocks ? (r / n, r % n) : (r % k, r / k);
            inputs[r * (k + 1)] = values[2 * r];
            inputs[r * (k + 1) + 1 + freq[r]] = 1;
            targets[r] = values[2 * r + 1];
        }
        return new FrequencyDataset(inputs, targets, freq, time, k, order);
    }

    [Theory]
    [InlineData("p.npy", NpyDType.Float64)]
    [InlineData("p.npy", NpyDType.Float32)]
    [InlineData("p.csv", NpyDType.Float64)]
    [InlineData("p.csv", NpyDType.Float32)]
    public void Any_finite_dataset_round_trips_through_a_file(string name, NpyDType dtype)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        AnyDataset(dtype).Sample(ds =>
        {
            DatasetIO.Write(ds, path, dtype: dtype);
            var back = DatasetIO.Read(path);
            Assert.Equal(ds.Inputs.Select(v => BitConverter.DoubleToInt64Bits(dtype.Round(v))), back.Inputs.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(ds.Targets.Select(v => BitConverter.DoubleToInt64Bits(dtype.Round(v))), back.Targets.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(ds.FrequencyIndex, back.FrequencyIndex);
            Assert.Equal(ds.TimeIndex, back.TimeIndex);
            Assert.Equal(ds.Order, back.Order);
        }, iter: 60, threads: 1);
    }
}
