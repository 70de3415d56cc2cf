using System.Buffers.Binary;
using System.Security.Cryptography;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>NpyFile against real numpy 1.24: the same bytes as np.save, reads numpy's files, numpy reads ours.</summary>
public sealed class NpyNumpyInteropTests : IDisposable
{
    private const string Script = """
        import hashlib, sys
        import numpy as np
        from numpy.lib import format as fmt
        d = sys.argv[1]
        a = np.arange(24, dtype=np.float64).reshape(4, 6) / 7 - 1.5
        np.save(f"{d}/np_v1_f8.npy", a)
        np.save(f"{d}/np_v1_f4.npy", a.astype(np.float32))
        np.save(f"{d}/np_1d.npy", a.ravel())
        np.save(f"{d}/np_scalar.npy", np.float64(2.5))
        np.save(f"{d}/np_empty.npy", np.zeros((0, 3)))
        with open(f"{d}/np_v2_f8.npy", "wb") as f: fmt.write_array(f, a, version=(2, 0))
        with open(f"{d}/np_v3_f4.npy", "wb") as f: fmt.write_array(f, a.astype(np.float32), version=(3, 0))
        np.save(f"{d}/np_fortran.npy", np.asfortranarray(a))
        np.save(f"{d}/np_int.npy", a.astype(np.int32))
        np.save(f"{d}/np_be.npy", a.astype(">f8"))
        # A 3-frequency dataset (rows [S, C1..C3, target], blocks order, 2 time samples) saved by numpy as format 2.0 and as float32.
        ds = np.array([[0.1, 1, 0, 0, 0.0], [0.2, 1, 0, 0, 0.5], [0.3, 0, 1, 0, 0.0], [0.4, 0, 1, 0, -0.5], [0.5, 0, 0, 1, 0.0], [0.6, 0, 0, 1, 0.25]])
        with open(f"{d}/np_v2_dataset.npy", "wb") as f: fmt.write_array(f, ds, version=(2, 0))
        np.save(f"{d}/np_f4_dataset.npy", ds.astype(np.float32))
        for name in sys.argv[2:]:
            x = np.load(f"{d}/{name}")
            print(name, x.dtype.str, x.shape, hashlib.sha256(np.ascontiguousarray(x, dtype="<f8").tobytes()).hexdigest())
        """;

    private readonly TempDir _dir = new();
    private readonly double[] _a = Enumerable.Range(0, 24).Select(i => i / 7.0 - 1.5).ToArray();
    private readonly Dictionary<string, string> _numpySays;

    public NpyNumpyInteropTests()
    {
        NpyFile.Write(_dir.File("ours_v1_f8.npy"), _a, [4, 6]);
        NpyFile.Write(_dir.File("ours_v1_f4.npy"), _a, [4, 6], NpyDType.Float32);
        NpyFile.Write(_dir.File("ours_v2_f8.npy"), _a, [2, 3, 4], version: NpyVersion.V2);
        NpyFile.Write(_dir.File("ours_1d.npy"), _a, [24]);
        var ds = FrequencyDataset.FromSignals(SignalGenerator.Generate(new SignalSpec { Duration = 0.05 }, 1), RowOrder.Interleaved);
        DatasetIO.Write(ds, _dir.File("ours_dataset.npy"));
        File.WriteAllText(_dir.File("interop.py"), Script);
        var output = Python.Run(_dir.File("interop.py"), _dir.Path, "ours_v1_f8.npy", "ours_v1_f4.npy", "ours_v2_f8.npy", "ours_1d.npy", "ours_dataset.npy");
        _numpySays = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l.Split(' ')[0], l => l[(l.IndexOf(' ') + 1)..].Trim());
    }

    public void Dispose() => _dir.Dispose();

    private static string Sha(IEnumerable<double> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 8];
        for (int i = 0; i < list.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), list[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    [Theory]
    [InlineData("np_v1_f8.npy", NpyDType.Float64, 1)]
    [InlineData("np_v1_f4.npy", NpyDType.Float32, 1)]
    [InlineData("np_v2_f8.npy", NpyDType.Float64, 2)]
    [InlineData("np_v3_f4.npy", NpyDType.Float32, 3)]
    public void Our_bytes_equal_numpys_and_we_read_its_files(string file, NpyDType dtype, byte version)
    {
        var numpyBytes = File.ReadAllBytes(_dir.File(file));
        Assert.Equal(numpyBytes, NpyFile.Encode(_a, [4, 6], dtype, new NpyVersion(version, 0)));
        var read = NpyFile.Read(_dir.File(file));
        Assert.Equal(new[] { 4, 6 }, read.Shape);
        Assert.Equal(dtype, read.DType);
        Assert.Equal(version, read.Version.Major);
        Assert.Equal(_a.Select(v => dtype.Round(v)), read.Values);
    }

    [Fact]
    public void One_dimensional_scalar_and_empty_arrays_match_numpy()
    {
        Assert.Equal(File.ReadAllBytes(_dir.File("np_1d.npy")), NpyFile.Encode(_a, [24]));
        Assert.Equal(File.ReadAllBytes(_dir.File("np_scalar.npy")), NpyFile.Encode([2.5], []));
        Assert.Equal(File.ReadAllBytes(_dir.File("np_empty.npy")), NpyFile.Encode([], [0, 3]));
        Assert.Equal([2.5], NpyFile.Read(_dir.File("np_scalar.npy")).Values);
        Assert.Empty(NpyFile.Read(_dir.File("np_empty.npy")).Values);
    }

    [Theory]
    [InlineData("np_v2_dataset.npy", NpyDType.Float64)]
    [InlineData("np_f4_dataset.npy", NpyDType.Float32)]
    public void DatasetIO_reads_a_dataset_numpy_saved_as_version_2_or_float32(string file, NpyDType dtype)
    {
        var ds = DatasetIO.Read(_dir.File(file));
        Assert.Equal(3, ds.FrequencyCount);
        Assert.Equal(RowOrder.Blocks, ds.Order);
        Assert.Equal([0, 0, 1, 1, 2, 2], ds.FrequencyIndex);
        Assert.Equal([0, 1, 0, 1, 0, 1], ds.TimeIndex);
        Assert.Equal(new[] { 0.0, 0.5, 0.0, -0.5, 0.0, 0.25 }, ds.Targets);
        Assert.Equal(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 }.Select(v => dtype.Round(v)), Enumerable.Range(0, 6).Select(r => ds.Inputs[r * 4]));
        Assert.Null(ds.Spec);
    }

    [Theory]
    [InlineData("np_fortran.npy", "Fortran order")]
    [InlineData("np_int.npy", "unsupported dtype '<i4'")]
    [InlineData("np_be.npy", "big-endian")]
    public void Numpy_files_we_do_not_support_are_rejected_in_one_line(string file, string problem)
    {
        var e = Assert.Throws<DataFileException>(() => NpyFile.Read(_dir.File(file)));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith(_dir.File(file), e.Message);
    }

    [Fact]
    public void Numpy_reads_our_files_with_the_same_values()
    {
        Assert.Equal($"<f8 (4, 6) {Sha(_a)}", _numpySays["ours_v1_f8.npy"]);
        Assert.Equal($"<f4 (4, 6) {Sha(_a.Select(v => (double)(float)v))}", _numpySays["ours_v1_f4.npy"]);
        Assert.Equal($"<f8 (2, 3, 4) {Sha(_a)}", _numpySays["ours_v2_f8.npy"]);
        Assert.Equal($"<f8 (24,) {Sha(_a)}", _numpySays["ours_1d.npy"]);
        var sidecar = DatasetIO.ReadSidecar(_dir.File("ours_dataset.npy"))!;
        Assert.Equal($"<f8 (200, 6) {sidecar.Sha256}", _numpySays["ours_dataset.npy"]);
    }
}
