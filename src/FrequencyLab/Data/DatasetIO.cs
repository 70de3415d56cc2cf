using FrequencyLab.IO;

namespace FrequencyLab.Data;

/// <summary>
/// Reads and writes <see cref="FrequencyDataset"/> files: .npy (shape (rows, 1+K+1), columns [S, C1..CK, target]) or CSV
/// (header <c>t,S,C1..CK,target</c>), each with a sidecar <c>&lt;path&gt;.json</c> (<see cref="DatasetSidecar"/>).
/// </summary>
/// <remarks>
/// Writes are atomic per file (<see cref="AtomicFile"/>): the data file first, then the sidecar. Everything is encoded and
/// checked in memory before either file is touched, so bad data never replace a good file; should the sidecar write
/// fail after the data rename, the previous data file is written back (or the new one removed). Only a crash between the
/// two renames can leave a new data file beside an old sidecar, and <see cref="Read"/> reports that pair (checksum).
/// Reads check, in this order: the container (header, truncation, dtype, shape, columns), the values (finite, one-hot,
/// rows in blocks or interleaved order), then agreement with the sidecar, then a CSV's t column. Any failure is a <see cref="DataFileException"/>
/// whose one-line message names the file and the problem.
/// A file without a sidecar reads too: K from the column count, frequency from the one-hot, order inferred from the rows,
/// time index counted per frequency, Spec and Seed null.
/// </remarks>
public static class DatasetIO
{
    /// <summary>Reads a dataset; the format comes from the extension (.npy or .csv).</summary>
    public static FrequencyDataset Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = DataNames.FormatOfPath(path)
            ?? throw new DataFileException(path, $"unknown dataset extension '{Path.GetExtension(path)}' (expected .npy or .csv)");
        if (!File.Exists(path)) throw new DataFileException(path, Directory.Exists(path) ? "is a folder, not a dataset file" : "file not found");

        var sidecar = ReadSidecar(path);
        var bytes = BoundedFile.ReadAllBytes(path, DatasetLimits.MaxDataFileBytes, "dataset");

        DatasetTable table;
        NpyDType dtype;
        double[]? time = null;
        if (format == DatasetFormat.Npy)
        {
            // The shape is checked against the limits before the values are decoded (and allocated).
            var shape = NpyHeader.Decode(bytes, path).Header.Shape;
            if (shape.Length != 2)
                throw new DataFileException(path, $"wrong shape ({string.Join(", ", shape)}): expected a 2-D array (rows, 1+K+1) with columns [S, C1..CK, target]");
            if (shape[1] < 3)
                throw new DataFileException(path, $"wrong shape ({shape[0]}, {shape[1]}): expected at least 3 columns [S, C1..CK, target]");
            if (shape[1] - 2 > DatasetLimits.MaxFrequencyCount)
                throw new DataFileException(path, $"wrong shape ({shape[0]}, {shape[1]}): more than {DatasetLimits.MaxFrequencyCount} one-hot columns");
            if ((long)shape[0] * shape[1] > DatasetLimits.MaxValues)
                throw new DataFileException(path, $"shape ({shape[0]}, {shape[1]}) holds more than {DatasetLimits.MaxValues} values, the most a dataset may have");
            var array = NpyFile.Decode(bytes, path);
            table = new DatasetTable(array.Values, array.Shape[0], array.Shape[1] - 2);
            dtype = array.DType;
            if (sidecar is not null && sidecar.DType != dtype)
                throw Disagrees(path, $"it says dtype {sidecar.DType.Name()}, the file holds {dtype.Name()}");
        }
        else
        {
            dtype = sidecar?.DType ?? NpyDType.Float64;
            table = DatasetCsv.Decode(bytes, path, dtype, out time);
        }

        if (table.FindProblem() is { } problem) throw new DataFileException(path, problem);
        var frequencyIndex = table.FrequencyIndex();

        RowOrder order;
        if (sidecar is null)
        {
            order = DatasetTable.InferOrder(frequencyIndex, table.FrequencyCount)
                ?? throw new DataFileException(path, $"rows are in neither blocks nor interleaved order for K = {table.FrequencyCount} (and there is no sidecar)");
        }
        else
        {
            CheckAgainst(sidecar, table, frequencyIndex, format, path);
            order = sidecar.Order;
        }
        var dataset = table.ToDataset(frequencyIndex, order, sidecar?.Spec, sidecar?.Seed);
        if (time is not null) CheckTimeColumn(time, dataset, path);
        return dataset;
    }

    // The CSV's t column is data too: it must be n/fs for each row's time sample n when the spec is known, and otherwise
    // the same for all rows of one time sample and increasing with it.
    private static void CheckTimeColumn(double[] time, FrequencyDataset dataset, string path)
    {
        static string N(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (dataset.Spec is { } spec)
        {
            for (int r = 0; r < time.Length; r++)
            {
                int n = dataset.TimeIndex[r];
                double expected = n / spec.SampleRate;
                if (time[r] != expected)
                    throw new DataFileException(path, $"column t disagrees with the spec: row {r} (0-based) has t = {N(time[r])}, time sample {n} at fs = {N(spec.SampleRate)} Hz is {N(expected)}");
            }
            return;
        }
        int samples = dataset.RowCount == 0 ? 0 : dataset.TimeIndex.Max() + 1;
        var first = new int[samples];
        Array.Fill(first, -1);
        for (int r = 0; r < time.Length; r++)
        {
            int n = dataset.TimeIndex[r];
            if (first[n] < 0) first[n] = r;
            else if (time[r] != time[first[n]] && !(double.IsNaN(time[r]) && double.IsNaN(time[first[n]])))
                throw new DataFileException(path, $"column t disagrees with the row order: row {r} (0-based) is time sample {n} with t = {N(time[r])}, row {first[n]} has t = {N(time[first[n]])}");
        }
        for (int n = 1; n < samples; n++)
            if (!(time[first[n]] > time[first[n - 1]]))
                throw new DataFileException(path, $"column t does not increase with the time sample: t = {N(time[first[n - 1]])} at sample {n - 1}, {N(time[first[n]])} at sample {n}");
    }

    /// <summary>
    /// Writes <paramref name="dataset"/> and its sidecar atomically. The format is <paramref name="format"/> or, when null,
    /// the extension's; the extension must be .npy or .csv and agree with the format. Values are rounded to
    /// <paramref name="dtype"/> (CSV text holds them exactly). A .npy file is written in format <paramref name="npyVersion"/>,
    /// 1.0 (numpy's default, and the default here) or 2.0 (32-bit header length). Throws <see cref="DataFileException"/>
    /// before writing anything when the path or the data are unfit (NaN/Inf, rows not one-hot).
    /// </summary>
    public static void Write(FrequencyDataset dataset, string path, DatasetFormat? format = null, NpyDType dtype = NpyDType.Float64,
        NpyVersion? npyVersion = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(path);
        var byExtension = DataNames.FormatOfPath(path)
            ?? throw new DataFileException(path, $"unknown dataset extension '{Path.GetExtension(path)}' (expected .npy or .csv)");
        var chosen = format ?? byExtension;
        if (chosen != byExtension)
            throw new DataFileException(path, $"extension '{Path.GetExtension(path)}' does not match format {DataNames.Of(chosen)}");
        if (!Enum.IsDefined(dtype)) throw new ArgumentOutOfRangeException(nameof(dtype));
        var version = npyVersion ?? NpyVersion.V1;
        if (version != NpyVersion.V1 && version != NpyVersion.V2)
            throw new ArgumentOutOfRangeException(nameof(npyVersion), version, "a dataset .npy is written in format 1.0 or 2.0");

        if (DatasetTable.From(dataset, NpyDType.Float64).FindProblem() is { } problem)
            throw new DataFileException(path, $"refusing to write: {problem}");
        var table = DatasetTable.From(dataset, dtype);
        if (table.FindProblem() is { } rounded)
            throw new DataFileException(path, $"refusing to write: {rounded} after rounding to {dtype.Name()} (the value is out of float32 range)");
        if (!DatasetTable.Follows(dataset.FrequencyIndex, dataset.FrequencyCount, dataset.Order)
            || !dataset.FrequencyIndex.AsSpan().SequenceEqual(table.FrequencyIndex()))
            throw new DataFileException(path, $"refusing to write: rows are not in {DataNames.Of(dataset.Order)} order or disagree with their one-hot");

        byte[] bytes = chosen == DatasetFormat.Npy
            ? NpyFile.Encode(table.Values, [table.Rows, table.Width], dtype, version)
            : DatasetCsv.Encode(table, dtype, TimeColumn(dataset));
        var sidecar = new DatasetSidecar(DatasetSidecar.GeneratorName, chosen, dtype, table.Rows, table.FrequencyCount,
            dataset.Order, dataset.Seed, dataset.Spec, table.Sha256());
        var json = sidecar.ToJson();

        // Two files cannot be renamed at once: keep the previous data in memory and put it back if the sidecar fails.
        byte[]? previous = File.Exists(path) ? File.ReadAllBytes(path) : null;
        AtomicFile.WriteAllBytes(path, bytes);
        try
        {
            AtomicFile.WriteAllText(DatasetSidecar.PathFor(path), json);
        }
        catch
        {
            if (previous is not null) AtomicFile.WriteAllBytes(path, previous);
            else File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Reads only the sidecar of <paramref name="dataPath"/>, or null when it has none. Throws <see cref="DataFileException"/>
    /// naming the sidecar when it cannot be read or parsed.
    /// </summary>
    public static DatasetSidecar? ReadSidecar(string dataPath)
    {
        var sidecarPath = DatasetSidecar.PathFor(dataPath);
        if (!File.Exists(sidecarPath))
            return Directory.Exists(sidecarPath) ? throw new DataFileException(sidecarPath, "is a folder, not a sidecar file") : null;
        return DatasetSidecar.Parse(BoundedFile.ReadAllBytes(sidecarPath, DatasetLimits.MaxSidecarBytes, "sidecar"), sidecarPath);
    }

    private static void CheckAgainst(DatasetSidecar sidecar, DatasetTable table, int[] frequencyIndex, DatasetFormat format, string path)
    {
        if (sidecar.Format != format) throw Disagrees(path, $"it says format {DataNames.Of(sidecar.Format)}, the file is {DataNames.Of(format)}");
        if (sidecar.FrequencyCount != table.FrequencyCount)
            throw Disagrees(path, $"it says K = {sidecar.FrequencyCount} frequencies, the file has {table.FrequencyCount} one-hot columns");
        if (sidecar.Rows != table.Rows) throw Disagrees(path, $"it says {sidecar.Rows} rows, the file holds {table.Rows}");
        if (sidecar.Spec is { } spec)
        {
            if (spec.FrequencyCount != table.FrequencyCount)
                throw Disagrees(path, $"its spec has {spec.FrequencyCount} frequencies, the file has {table.FrequencyCount} one-hot columns");
            if ((long)spec.FrequencyCount * spec.SampleCount != table.Rows)
                throw Disagrees(path, $"its spec gives {spec.FrequencyCount} × {spec.SampleCount} rows, the file holds {table.Rows}");
        }
        if (!DatasetTable.Follows(frequencyIndex, table.FrequencyCount, sidecar.Order))
            throw Disagrees(path, $"it says order {DataNames.Of(sidecar.Order)}, the rows are not in that order");
        var sha = table.Sha256();
        if (sha != sidecar.Sha256) throw Disagrees(path, $"checksum differs (sidecar sha256 {sidecar.Sha256[..12]}…, data {sha[..12]}…)");
    }

    private static DataFileException Disagrees(string path, string problem) =>
        new(path, $"sidecar {Path.GetFileName(DatasetSidecar.PathFor(path))} disagrees with the data: {problem}");

    // t = n / fs exactly as SignalGenerator computes it; only when the spec is known.
    private static double[]? TimeColumn(FrequencyDataset dataset) =>
        dataset.Spec is { } spec ? Array.ConvertAll(dataset.TimeIndex, n => n / spec.SampleRate) : null;
}
