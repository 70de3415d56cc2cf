namespace FrequencyLab.IO;

/// <summary>
/// The .npy format version: 1.0 has a 16-bit header length, 2.0 a 32-bit one (numpy writes 2.0 only when the header
/// exceeds 65,535 bytes), 3.0 is 2.0 with a UTF-8 header.
/// </summary>
public readonly record struct NpyVersion(byte Major, byte Minor)
{
    public static NpyVersion V1 { get; } = new(1, 0);
    public static NpyVersion V2 { get; } = new(2, 0);
    public static NpyVersion V3 { get; } = new(3, 0);

    /// <summary>Bytes used by the header-length field after the magic and version: 2 for 1.0, 4 otherwise.</summary>
    public int LengthFieldSize => Major == 1 ? 2 : 4;

    public override string ToString() => $"{Major}.{Minor}";
}
