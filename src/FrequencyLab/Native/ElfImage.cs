using System.Buffers.Binary;
using System.Text;

namespace FrequencyLab.Native;

/// <summary>One <c>Elf64_Vernaux</c> record: a symbol version that a dependency must define.</summary>
/// <param name="File">The dependency (its <c>Elf64_Verneed.vn_file</c>), e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Name">The version, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Hash">vna_hash: the SysV ELF hash of the name.</param>
/// <param name="Index">vna_other: the version index that .gnu.version gives to symbols bound to it.</param>
/// <param name="RecordOffset">File offset of the 16-byte record (vna_hash is its first 4 bytes).</param>
/// <param name="NameOffset">File offset of the name's first byte in .dynstr.</param>
/// <param name="NameStringOffset">vna_name: the name's offset inside .dynstr.</param>
public sealed record ElfVersionNeed(string File, string Name, uint Hash, ushort Index, long RecordOffset, long NameOffset, uint NameStringOffset);

/// <summary>One dynamic symbol with its version index from .gnu.version.</summary>
/// <param name="Name">Symbol name.</param>
/// <param name="VersionIndex">Index into the version records (hidden bit cleared).</param>
/// <param name="Defined">False for an undefined symbol (st_shndx == SHN_UNDEF): one this object needs from elsewhere.</param>
/// <param name="NameStringOffset">st_name: the name's offset inside .dynstr.</param>
public sealed record ElfDynamicSymbol(string Name, ushort VersionIndex, bool Defined, uint NameStringOffset);

/// <summary>
/// The parts of a little-endian ELF64 shared object that symbol versioning uses, read from its section headers:
/// .dynstr, .dynsym with .gnu.version, .gnu.version_r (needs), .gnu.version_d (definitions) and .dynamic's string entries.
/// </summary>
/// <remarks>Only what the TorchSharp loader fix needs; any other layout is rejected with a one-line message.</remarks>
public sealed class ElfImage
{
    private const uint ShtDynsym = 11, ShtDynamic = 6, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    private readonly byte[] _bytes;
    private readonly string _path;

    public long DynstrOffset { get; }
    public long DynstrSize { get; }
    public IReadOnlyList<ElfVersionNeed> VersionNeeds { get; }
    /// <summary>Names defined in .gnu.version_d (the first, the object's own base name, included).</summary>
    public IReadOnlyList<string> VersionDefinitions { get; }
    public IReadOnlyList<ElfDynamicSymbol> DynamicSymbols { get; }
    /// <summary>Every .dynstr offset something points at: symbol, version and dynamic-section (NEEDED, SONAME, RPATH, RUNPATH) names.</summary>
    public IReadOnlyList<uint> StringReferences { get; }

    private ElfImage(byte[] bytes, string path)
    {
        _bytes = bytes;
        _path = path;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            Fail("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1) Fail("not a little-endian 64-bit ELF file");
        long shoff = (long)U64(40);
        int shentsize = U16(58), shnum = U16(60);
        if (shoff <= 0 || shentsize != 64 || shnum == 0 || shoff + (long)shnum * 64 > bytes.Length) Fail("has no usable section headers");

        var sections = Enumerable.Range(0, shnum).Select(i => ReadSection(shoff + i * 64L)).ToArray();
        var dynsym = sections.SingleOrDefault(s => s.Type == ShtDynsym);
        if (dynsym is null) Fail("has no .dynsym");
        var dynstr = sections[(int)dynsym.Link];
        DynstrOffset = dynstr.Offset;
        DynstrSize = dynstr.Size;

        var refs = new List<uint>();
        var versym = sections.SingleOrDefault(s => s.Type == ShtVersym);
        var symbols = new List<ElfDynamicSymbol>();
        for (long i = 0; i < dynsym.Size / 24; i++)
        {
            long at = dynsym.Offset + i * 24;
            uint name = U32(at);
            ushort shndx = U16(at + 6);
            ushort ver = versym is null ? (ushort)1 : (ushort)(U16(versym.Offset + i * 2) & 0x7fff);
            refs.Add(name);
            symbols.Add(new ElfDynamicSymbol(Str(name), ver, shndx != 0, name));
        }
        DynamicSymbols = symbols;

        var needs = new List<ElfVersionNeed>();
        var verneed = sections.SingleOrDefault(s => s.Type == ShtVerneed);
        if (verneed is not null)
        {
            long vn = verneed.Offset;
            for (uint n = 0; n < verneed.Info; n++)
            {
                uint file = U32(vn + 4);
                refs.Add(file);
                long aux = vn + U32(vn + 8);
                for (int a = 0; a < U16(vn + 2); a++)
                {
                    uint name = U32(aux + 8);
                    refs.Add(name);
                    needs.Add(new ElfVersionNeed(Str(file), Str(name), U32(aux), U16(aux + 6), aux, DynstrOffset + name, name));
                    aux += U32(aux + 12);
                }
                uint next = U32(vn + 12);
                if (next == 0) break;
                vn += next;
            }
        }
        VersionNeeds = needs;

        var defs = new List<string>();
        var verdef = sections.SingleOrDefault(s => s.Type == ShtVerdef);
        if (verdef is not null)
        {
            long vd = verdef.Offset;
            for (uint n = 0; n < verdef.Info; n++)
            {
                long aux = vd + U32(vd + 12);
                for (int a = 0; a < U16(vd + 6); a++)
                {
                    uint name = U32(aux);
                    refs.Add(name);
                    if (a == 0) defs.Add(Str(name));
                    aux += U32(aux + 4);
                }
                uint next = U32(vd + 16);
                if (next == 0) break;
                vd += next;
            }
        }
        VersionDefinitions = defs;

        foreach (var dyn in sections.Where(s => s.Type == ShtDynamic))
            for (long at = dyn.Offset; at + 16 <= dyn.Offset + dyn.Size; at += 16)
            {
                long tag = (long)U64(at);
                if (tag == 0) break;
                if (tag is 1 or 14 or 15 or 29) refs.Add((uint)U64(at + 8)); // DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH
            }
        StringReferences = refs;
    }

    /// <summary>Parses <paramref name="bytes"/> (not copied; the image reads them in place).</summary>
    public static ElfImage Parse(byte[] bytes, string pathForMessages) => new(bytes, pathForMessages);

    public static ElfImage Read(string path)
    {
        try { return new ElfImage(File.ReadAllBytes(path), path); }
        catch (IOException e) { throw new DataFileException(path, e.Message); }
    }

    /// <summary>The NUL-terminated .dynstr string at <paramref name="offset"/>.</summary>
    public string Str(uint offset)
    {
        long start = DynstrOffset + offset;
        if (offset >= DynstrSize) Fail($"has a string offset {offset} outside .dynstr");
        long end = start;
        while (end < DynstrOffset + DynstrSize && _bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(_bytes, (int)start, (int)(end - start));
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

    private Section ReadSection(long at)
    {
        var s = new Section(U32(at + 4), (long)U64(at + 24), (long)U64(at + 32), U32(at + 40), U32(at + 44));
        if (s.Type != 8 /* SHT_NOBITS */ && s.Type != 0 && (s.Offset < 0 || s.Offset + s.Size > _bytes.Length)) Fail("has a section outside the file");
        return s;
    }

    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(checked((int)at), 2));
    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(checked((int)at), 4));
    private ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(checked((int)at), 8));

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem) => throw new DataFileException(_path, problem);
}
