using System.Buffers.Binary;

namespace FrequencyLab.IO;

/// <summary>
/// Reads and writes NumPy .npy files (format 1.0, 2.0 and 3.0; little-endian float32/float64; C order), byte-compatible
/// with <c>numpy.save</c> / <c>numpy.load</c>. Writes go through <see cref="AtomicFile"/>.
/// </summary>
public static class NpyFile
{
    /// <summary>
    /// Reads <paramref name="path"/> (at most <see cref="Array.MaxLength"/> bytes). Throws <see cref="DataFileException"/>
    /// for a missing, unreadable, too large, truncated or unsupported file.
    /// </summary>
    public static NpyArray Read(string path)
    {
        return Decode(BoundedFile.ReadAllBytes(path, Array.MaxLength, ".npy"), path);
    }

    /// <summary>Decodes a whole .npy file held in memory; <paramref name="path"/> names it in error messages.</summary>
    public static NpyArray Decode(ReadOnlySpan<byte> file, string path)
    {
        var (header, version, offset) = NpyHeader.Decode(file, path);
        long expected = header.DataLength;
        long actual = file.Length - offset;
        if (actual < expected)
            throw new DataFileException(path, $"truncated .npy data: shape ({string.Join(", ", header.Shape)}) of {header.DType.Name()} needs {expected} bytes but {actual} follow the header");
        if (actual > expected)
            throw new DataFileException(path, $"corrupt .npy data: {actual - expected} unexpected bytes after the {expected} bytes of shape ({string.Join(", ", header.Shape)})");

        var data = file[offset..];
        var values = new double[NpyHeader.ElementCount(header.Shape)];
        if (header.DType == NpyDType.Float64)
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]);
        else
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        return new NpyArray(values, header.Shape, header.DType, version);
    }

    /// <summary>
    /// Writes <paramref name="values"/> (C order) with the given shape atomically. Float32 rounds each value to nearest.
    /// Without <paramref name="version"/> numpy's own choice is made (1.0 unless the header is too long).
    /// </summary>
    public static void Write(string path, ReadOnlySpan<double> values, ReadOnlySpan<int> shape,
        NpyDType dtype = NpyDType.Float64, NpyVersion? version = null)
    {
        var bytes = Encode(values, shape, dtype, version);
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>Writes float32 values with the given shape atomically as <c>&lt;f4</c>.</summary>
    public static void Write(string path, ReadOnlySpan<float> values, ReadOnlySpan<int> shape, NpyVersion? version = null)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++) widened[i] = values[i];
        Write(path, widened, shape, NpyDType.Float32, version);
    }

    /// <summary>The complete .npy file bytes for <paramref name="values"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<double> values, ReadOnlySpan<int> shape, NpyDType dtype = NpyDType.Float64, NpyVersion? version = null)
    {
        foreach (var d in shape) if (d < 0) throw new ArgumentOutOfRangeException(nameof(shape), "dimensions must be non-negative");
        if (NpyHeader.ElementCount(shape) != values.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape.ToArray())}) holds {NpyHeader.ElementCount(shape)} elements but {values.Length} values were given", nameof(values));
        var header = new NpyHeader(dtype, shape.ToArray()).Encode(version);
        int size = dtype.Size();
        var bytes = new byte[header.Length + (long)values.Length * size];
        header.CopyTo(bytes, 0);
        var data = bytes.AsSpan(header.Length);
        if (dtype == NpyDType.Float64)
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data[(i * 8)..], values[i]);
        else
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data[(i * 4)..], (float)values[i]);
        return bytes;
    }
}
