using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FrequencyLab.IO;

/// <summary>
/// The header of a .npy file: magic <c>\x93NUMPY</c>, version, header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0),
/// then a Python dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (rows, cols), }</c>
/// padded with spaces and a final newline so that the data start at a multiple of 64 bytes (numpy's ARRAY_ALIGN).
/// </summary>
/// <remarks>Only little-endian float32/float64 in C order are accepted; everything else is rejected with a one-line reason.</remarks>
public sealed record NpyHeader(NpyDType DType, int[] Shape)
{
    /// <summary>numpy's header alignment (numpy.lib.format.ARRAY_ALIGN).</summary>
    public const int Alignment = 64;
    /// <summary>
    /// The longest header read: numpy.load's default <c>max_header_size</c> (10,000 bytes). A header is a few dozen bytes
    /// per dimension; anything longer is refused before it is decoded.
    /// </summary>
    public const int MaxHeaderLength = 10_000;
    /// <summary>The most dimensions a shape may have: numpy 2's NPY_MAXDIMS.</summary>
    public const int MaxDimensions = 64;
    private const int MagicLength = 6, PreludeLength = 8;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes of data that follow the header: element count × element size.</summary>
    public long DataLength => ElementCount(Shape) * DType.Size();

    /// <summary>The product of the dimensions (1 for a scalar shape).</summary>
    public static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var d in shape) count = checked(count * d);
        return count;
    }

    /// <summary>The dict literal exactly as numpy 1.24 writes it (before padding).</summary>
    public string DictLiteral()
    {
        var dims = Shape.Length == 1 ? $"{Shape[0]}," : string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        return $"{{'descr': '{DType.Descr()}', 'fortran_order': False, 'shape': ({dims}), }}";
    }

    /// <summary>
    /// The full header bytes (magic through padding newline). Without <paramref name="version"/> numpy's rule applies:
    /// 1.0 when the header length fits in 16 bits, else 2.0.
    /// </summary>
    public byte[] Encode(NpyVersion? version = null)
    {
        var dict = DictLiteral();
        var chosen = version ?? (dict.Length + 1 + PreludeLength + 2 <= ushort.MaxValue ? NpyVersion.V1 : NpyVersion.V2);
        if (chosen.Minor != 0 || chosen.Major is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(version), $"unknown .npy version {chosen}");
        int fixedLength = PreludeLength + chosen.LengthFieldSize;
        int unpadded = fixedLength + dict.Length + 1;
        int padding = (Alignment - unpadded % Alignment) % Alignment;
        int headerLength = dict.Length + padding + 1;
        if (chosen == NpyVersion.V1 && headerLength > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(version), "header too long for .npy version 1.0");

        var bytes = new byte[fixedLength + headerLength];
        Magic.CopyTo(bytes, 0);
        bytes[MagicLength] = chosen.Major;
        bytes[MagicLength + 1] = chosen.Minor;
        if (chosen.LengthFieldSize == 2) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(PreludeLength), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(PreludeLength), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(fixedLength));
        bytes.AsSpan(fixedLength + dict.Length, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>
    /// Decodes the header at the start of <paramref name="file"/>. Throws <see cref="DataFileException"/> naming
    /// <paramref name="path"/> when the file is not a .npy file, is truncated, or holds something other than
    /// little-endian float32/float64 in C order.
    /// </summary>
    /// <returns>The header, the version, and the offset at which the data begin.</returns>
    public static (NpyHeader Header, NpyVersion Version, int DataOffset) Decode(ReadOnlySpan<byte> file, string path)
    {
        if (file.Length < MagicLength || !file[..MagicLength].SequenceEqual(Magic))
            throw new DataFileException(path, file.Length == 0 ? "file is empty, not a .npy file" : "not a .npy file (magic \\x93NUMPY missing)");
        if (file.Length < PreludeLength) throw new DataFileException(path, "truncated .npy header (no version)");
        var version = new NpyVersion(file[MagicLength], file[MagicLength + 1]);
        if (version.Minor != 0 || version.Major is < 1 or > 3)
            throw new DataFileException(path, $"unsupported .npy format version {version}");
        int fixedLength = PreludeLength + version.LengthFieldSize;
        if (file.Length < fixedLength) throw new DataFileException(path, "truncated .npy header (no header length)");
        long headerLength = version.LengthFieldSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(file[PreludeLength..])
            : BinaryPrimitives.ReadUInt32LittleEndian(file[PreludeLength..]);
        if (headerLength > MaxHeaderLength)
            throw new DataFileException(path, $"corrupt .npy header: it declares {headerLength} bytes, more than the {MaxHeaderLength} numpy.load reads by default");
        if (fixedLength + headerLength > file.Length)
            throw new DataFileException(path, $"truncated .npy header: it declares {headerLength} bytes but only {file.Length - fixedLength} follow");
        var headerBytes = file.Slice(fixedLength, (int)headerLength);
        string text;
        try
        {
            text = version.Major == 3
                ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes)
                : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DataFileException(path, "corrupt .npy header: not valid UTF-8");
        }

        Dictionary<string, object> dict;
        try { dict = PythonLiteral.ParseDict(text); }
        catch (FormatException e) { throw new DataFileException(path, $"corrupt .npy header: {e.Message}"); }

        var header = FromDict(dict, path);
        return (header, version, fixedLength + (int)headerLength);
    }

    private static NpyHeader FromDict(Dictionary<string, object> dict, string path)
    {
        foreach (var key in new[] { "descr", "fortran_order", "shape" })
            if (!dict.ContainsKey(key)) throw new DataFileException(path, $"corrupt .npy header: key '{key}' missing");
        if (dict.Count != 3)
            throw new DataFileException(path, $"corrupt .npy header: unexpected keys {string.Join(", ", dict.Keys.Except(["descr", "fortran_order", "shape"]).Select(k => PrintableText.Quote(k)))}");

        if (dict["descr"] is not string descr) throw new DataFileException(path, "unsupported dtype: descr is not a simple type string");
        NpyDType dtype = descr switch
        {
            "<f8" => NpyDType.Float64,
            "<f4" => NpyDType.Float32,
            ">f8" or ">f4" => throw new DataFileException(path, $"unsupported dtype '{descr}': big-endian data are not supported (little-endian float32/float64 only)"),
            _ => throw new DataFileException(path, $"unsupported dtype {PrintableText.Quote(descr)}: expected little-endian float32 '<f4' or float64 '<f8'"),
        };

        if (dict["fortran_order"] is not bool fortran) throw new DataFileException(path, "corrupt .npy header: fortran_order is not True or False");
        if (fortran) throw new DataFileException(path, "unsupported layout: Fortran order (only C order is supported)");

        if (dict["shape"] is not long[] dims) throw new DataFileException(path, "corrupt .npy header: shape is not a tuple");
        if (dims.Length > MaxDimensions)
            throw new DataFileException(path, $"corrupt .npy header: shape has {dims.Length} dimensions, more than numpy's {MaxDimensions}");
        var shape = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0 || dims[i] > int.MaxValue) throw new DataFileException(path, $"corrupt .npy header: dimension {dims[i]} is out of range");
            shape[i] = (int)dims[i];
        }
        long elements;
        try { elements = checked(ElementCount(shape) * dtype.Size()) / dtype.Size(); }
        catch (OverflowException) { elements = long.MaxValue; }
        if (elements > Array.MaxLength)
            throw new DataFileException(path, $"corrupt .npy header: shape ({string.Join(", ", shape)}) is too large to hold in memory");
        return new NpyHeader(dtype, shape);
    }

    public bool Equals(NpyHeader? other) => other is not null && DType == other.DType && Shape.AsSpan().SequenceEqual(other.Shape);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(DType);
        foreach (var d in Shape) h.Add(d);
        return h.ToHashCode();
    }
}
