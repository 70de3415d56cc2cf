namespace FrequencyLab.Native;

/// <summary>The System V ELF hash (the <c>vna_hash</c> / <c>vd_hash</c> of symbol-version records).</summary>
public static class ElfHash
{
    /// <summary>h = (h &lt;&lt; 4) + c for each byte; fold the top nibble back in and clear it (System V ABI, "Hash Table").</summary>
    public static uint Compute(ReadOnlySpan<byte> name)
    {
        uint h = 0;
        foreach (byte c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    public static uint Compute(string name) => Compute(System.Text.Encoding.ASCII.GetBytes(name));
}
