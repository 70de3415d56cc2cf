using FrequencyLab.Engines;

namespace FrequencyLab.Tests.Engines;

public class CpuDescriptionTests
{
    // Abridged /proc/cpuinfo texts: an AVX2-only EPYC (the dev machine) and an AVX-512 EPYC (where the oneDNN bug showed).
    private const string Avx2 = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC
        flags		: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 sha_ni

        processor	: 1
        model name	: AMD EPYC
        flags		: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 sha_ni
        """;

    private const string Avx512 = """
        processor	: 0
        model name	: AMD EPYC 9B14 96-Core Processor
        flags		: fpu sse2 sse4_2 avx fma f16c avx2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16 avx512vbmi avx512_vnni avx512_bitalg avx512_vpopcntdq
        """;

    [Fact]
    public void Avx2_only_cpu_is_avx2_with_its_vector_flags_sorted()
    {
        var cpu = CpuDescription.Parse(Avx2);
        Assert.Equal(new CpuDescription("AMD EPYC", "avx2", ["avx", "avx2", "f16c", "fma"]), cpu);
        Assert.Equal("AMD EPYC (avx2)", cpu.ToString());
    }

    [Fact]
    public void Avx512_cpu_is_avx512_and_lists_every_avx512_subset()
    {
        var cpu = CpuDescription.Parse(Avx512);
        Assert.Equal("AMD EPYC 9B14 96-Core Processor", cpu.Model);
        Assert.Equal("avx512", cpu.VectorIsa);
        Assert.Equal(["avx", "avx2", "avx512_bf16", "avx512_bitalg", "avx512_vnni", "avx512_vpopcntdq", "avx512bw", "avx512cd",
            "avx512dq", "avx512f", "avx512ifma", "avx512vbmi", "avx512vl", "f16c", "fma"], cpu.VectorFlags);
    }

    [Theory]
    [InlineData("flags : sse2 sse4_2 avx", "avx")]
    [InlineData("flags : sse2 sse4_2", "sse4.2")]
    [InlineData("flags : sse2", "sse2")]
    [InlineData("flags : sse2 avx avx2", "avx")]   // AVX2 without FMA does not run libtorch's AVX2 kernels
    [InlineData("flags : fpu", "none")]
    public void Level_is_the_widest_the_flags_offer(string text, string level) =>
        Assert.Equal(level, CpuDescription.Parse("model name : X\n" + text).VectorIsa);

    [Theory]
    [InlineData("")]
    [InlineData("processor : 0\n")]
    [InlineData("garbage without colons\n\n\n")]
    public void Text_without_a_model_or_flags_is_unknown_model_without_vector_flags(string text)
    {
        var cpu = CpuDescription.Parse(text);
        Assert.Equal("unknown", cpu.Model);
        Assert.Equal("none", cpu.VectorIsa);
        Assert.Empty(cpu.VectorFlags);
    }

    [Fact]
    public void This_machine_reads_as_a_known_level()
    {
        var cpu = CpuDescription.Current();
        Assert.Contains(cpu.VectorIsa, new[] { "avx512", "avx2", "avx", "sse4.2", "sse2", "none", "unknown" });
        if (File.Exists("/proc/cpuinfo")) Assert.Equal(CpuDescription.Parse(File.ReadAllText("/proc/cpuinfo")), cpu);
    }
}
