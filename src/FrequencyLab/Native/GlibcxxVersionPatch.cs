using System.Buffers.Binary;
using System.Text;

namespace FrequencyLab.Native;

/// <summary>
/// Rewrites one symbol-version need of a shared object from a version the system's libstdc++ lacks to one it has,
/// when no real symbol depends on the difference. Made for TorchSharp 0.107.0's libLibTorchSharp.so, built with GCC 13:
/// it needs GLIBCXX_3.4.32 only for <c>std::ios_base_library_init()</c>, a marker symbol that &lt;iostream&gt; references
/// and nothing relocates against; Debian 12's libstdc++ stops at GLIBCXX_3.4.30.
/// </summary>
/// <remarks>
/// The patch changes exactly two fields of one <c>Elf64_Vernaux</c> record: the last byte of its name in .dynstr
/// ("…3.4.32" → "…3.4.30", same length) and its <c>vna_hash</c> (the SysV ELF hash of the new name).
/// It refuses when the name string is shared with any other .dynstr reference, when any symbol other than the marker
/// is bound to that version, or when the marker is defined rather than needed.
/// </remarks>
public static class GlibcxxVersionPatch
{
    public const string Dependency = "libstdc++.so.6";
    public const string MissingVersion = "GLIBCXX_3.4.32";
    public const string ReplacementVersion = "GLIBCXX_3.4.30";
    /// <summary>The only symbol GCC 13 binds to GLIBCXX_3.4.32 from &lt;iostream&gt;: std::ios_base_library_init().</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    /// <summary>The libstdc++ versions <paramref name="image"/> needs.</summary>
    public static IReadOnlyList<string> NeededLibStdCxxVersions(ElfImage image) =>
        image.VersionNeeds.Where(n => n.File == Dependency).Select(n => n.Name).Distinct().ToArray();

    /// <summary>
    /// Where the patch would write, or the reason it cannot apply. The returned edit lists every byte that changes.
    /// </summary>
    public static GlibcxxPatchPlan Plan(byte[] elf, string pathForMessages)
    {
        var image = ElfImage.Parse(elf, pathForMessages);
        var matches = image.VersionNeeds.Where(n => n.File == Dependency && n.Name == MissingVersion).ToArray();
        if (matches.Length != 1)
            return GlibcxxPatchPlan.Refused($"{pathForMessages}: expected exactly one {MissingVersion} need of {Dependency}, found {matches.Length}");
        var need = matches[0];

        var bound = image.DynamicSymbols.Where(s => s.VersionIndex == need.Index).ToArray();
        if (bound.Length != 1 || bound[0].Name != MarkerSymbol || bound[0].Defined)
            return GlibcxxPatchPlan.Refused(
                $"{pathForMessages}: {MissingVersion} is used by [{string.Join(", ", bound.Select(b => b.Name))}], not only by the undefined marker {MarkerSymbol}; patching would be unsafe");

        // Only the last character differs; a reference to any string that covers that byte would change too.
        int diffAt = FirstDifference(MissingVersion, ReplacementVersion);
        long changed = need.NameStringOffset + diffAt;
        int ours = 0;
        foreach (var r in image.StringReferences)
        {
            if (r == need.NameStringOffset) { ours++; continue; }
            if (r <= changed && changed < r + Encoding.ASCII.GetByteCount(image.Str(r)))
                return GlibcxxPatchPlan.Refused($"{pathForMessages}: the {MissingVersion} string is shared with \"{image.Str(r)}\"; patching would change it too");
        }
        if (ours != 1)
            return GlibcxxPatchPlan.Refused($"{pathForMessages}: the {MissingVersion} string is referenced {ours} times; patching would change the others too");

        var edits = new List<ByteEdit>();
        var newName = Encoding.ASCII.GetBytes(ReplacementVersion);
        for (int i = 0; i < newName.Length; i++)
            if (elf[need.NameOffset + i] != newName[i]) edits.Add(new ByteEdit(need.NameOffset + i, elf[need.NameOffset + i], newName[i]));
        Span<byte> hash = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(hash, ElfHash.Compute(newName));
        for (int i = 0; i < 4; i++)
            if (elf[need.RecordOffset + i] != hash[i]) edits.Add(new ByteEdit(need.RecordOffset + i, elf[need.RecordOffset + i], hash[i]));
        return new GlibcxxPatchPlan(need, edits, null);
    }

    /// <summary>A patched copy of <paramref name="elf"/>; throws <see cref="FrequencyLabException"/> when the plan is refused.</summary>
    public static byte[] Apply(byte[] elf, string pathForMessages)
    {
        var plan = Plan(elf, pathForMessages);
        if (plan.RefusedBecause is not null) throw new FrequencyLabException(plan.RefusedBecause);
        var copy = (byte[])elf.Clone();
        foreach (var e in plan.Edits) copy[e.Offset] = e.After;
        return copy;
    }

    private static int FirstDifference(string a, string b)
    {
        for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return i;
        return a.Length;
    }
}
