using System.Text;
using FrequencyLab.Native;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Native;

public sealed class GlibcxxVersionPatchTests(ITestOutputHelper output)
{
    private static string ShippedLibrary()
    {
        var folder = TorchNativeLocator.FindLibTorchSharpFolder(TorchNativeProbe.ForProcess(typeof(TorchSharp.torch).Assembly));
        Assert.NotNull(folder);
        return Path.Combine(folder!, TorchNativeLocator.LibTorchSharp);
    }

    [Fact]
    public void Elf_hash_matches_every_version_record_of_the_shipped_library()
    {
        var image = ElfImage.Read(ShippedLibrary());
        Assert.NotEmpty(image.VersionNeeds);
        foreach (var need in image.VersionNeeds) Assert.Equal(need.Hash, ElfHash.Compute(need.Name));
    }

    [Fact]
    public void Shipped_library_needs_glibcxx_3_4_32_only_for_the_iostream_marker()
    {
        var image = ElfImage.Read(ShippedLibrary());
        var need = Assert.Single(image.VersionNeeds, n => n.Name == GlibcxxVersionPatch.MissingVersion);
        Assert.Equal(GlibcxxVersionPatch.Dependency, need.File);
        var bound = Assert.Single(image.DynamicSymbols, s => s.VersionIndex == need.Index);
        Assert.Equal(GlibcxxVersionPatch.MarkerSymbol, bound.Name);
        Assert.False(bound.Defined);
    }

    [Fact]
    public void Patch_changes_only_the_name_and_hash_of_that_one_record()
    {
        var path = ShippedLibrary();
        var original = File.ReadAllBytes(path);
        var before = ElfImage.Parse(original, path);
        var need = Assert.Single(before.VersionNeeds, n => n.Name == GlibcxxVersionPatch.MissingVersion);

        var patched = GlibcxxVersionPatch.Apply(original, path);

        Assert.Equal(original.Length, patched.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).Select(i => (long)i).ToArray();
        output.WriteLine($"changed offsets: {string.Join(", ", changed.Select(c => $"0x{c:x}"))}");
        // "GLIBCXX_3.4.32" → "GLIBCXX_3.4.30": character 13 of the name; the hash differs only where ElfHash says so.
        var expected = new List<long> { need.NameOffset + 13 };
        var oldHash = BitConverter.GetBytes(ElfHash.Compute(GlibcxxVersionPatch.MissingVersion));
        var newHash = BitConverter.GetBytes(ElfHash.Compute(GlibcxxVersionPatch.ReplacementVersion));
        for (int i = 0; i < 4; i++) if (oldHash[i] != newHash[i]) expected.Add(need.RecordOffset + i);
        Assert.Equal(expected.Order(), changed);
        Assert.InRange(changed.Length, 2, 5);
        Assert.All(changed, c => Assert.True(
            (c >= need.NameOffset && c < need.NameOffset + need.Name.Length) || (c >= need.RecordOffset && c < need.RecordOffset + 4),
            $"offset 0x{c:x} outside the record's name and hash"));

        var after = ElfImage.Parse(patched, path);
        Assert.DoesNotContain(after.VersionNeeds, n => n.Name == GlibcxxVersionPatch.MissingVersion);
        var rewritten = Assert.Single(after.VersionNeeds, n => n.RecordOffset == need.RecordOffset);
        Assert.Equal(GlibcxxVersionPatch.ReplacementVersion, rewritten.Name);
        Assert.Equal(ElfHash.Compute(GlibcxxVersionPatch.ReplacementVersion), rewritten.Hash);
        Assert.Equal(need.Index, rewritten.Index);
        // Every other record and every symbol name is untouched.
        Assert.Equal(before.VersionNeeds.Where(n => n != need), after.VersionNeeds.Where(n => n.RecordOffset != need.RecordOffset));
        Assert.Equal(before.DynamicSymbols.Select(s => s.Name), after.DynamicSymbols.Select(s => s.Name));
    }

    [Fact]
    public void Patching_an_already_patched_copy_is_refused()
    {
        var path = ShippedLibrary();
        var patched = GlibcxxVersionPatch.Apply(File.ReadAllBytes(path), path);
        var plan = GlibcxxVersionPatch.Plan(patched, "patched");
        Assert.NotNull(plan.RefusedBecause);
        Assert.Throws<FrequencyLabException>(() => GlibcxxVersionPatch.Apply(patched, "patched"));
    }

    [Fact]
    public void Non_elf_input_fails_with_one_line_naming_the_file()
    {
        var e = Assert.Throws<DataFileException>(() => ElfImage.Parse(Encoding.ASCII.GetBytes("not an elf file at all, just text........................................................"), "x.so"));
        Assert.Equal("x.so: not an ELF file", e.Message);
    }

    [Theory]
    [InlineData("GLIBCXX_3.4.30", "None")]
    [InlineData("GLIBCXX_3.4.32", "None")]
    public void Decision_is_nothing_when_libstdcxx_defines_every_needed_version(string newest, string expected)
    {
        string[] needed = ["GLIBCXX_3.4", "GLIBCXX_3.4.30", newest];
        string[] defined = ["GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30", "GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33"];
        Assert.Equal(expected, TorchPatchDecision.Decide(needed, defined).Action.ToString());
    }

    [Fact]
    public void Decision_patches_only_when_3_4_32_is_the_sole_missing_version()
    {
        string[] needed = ["GLIBCXX_3.4", "GLIBCXX_3.4.30", "GLIBCXX_3.4.32"];
        Assert.Equal(TorchPatchAction.Patch, TorchPatchDecision.Decide(needed, ["GLIBCXX_3.4", "GLIBCXX_3.4.30"]).Action);
        var older = TorchPatchDecision.Decide(needed, ["GLIBCXX_3.4", "GLIBCXX_3.4.29"]);
        Assert.Equal(TorchPatchAction.Unfixable, older.Action);
        Assert.Equal(["GLIBCXX_3.4.30", "GLIBCXX_3.4.32"], older.Missing);
    }
}
