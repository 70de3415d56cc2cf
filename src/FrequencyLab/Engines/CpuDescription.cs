namespace FrequencyLab.Engines;

/// <summary>
/// The CPU as far as float numerics care: its model name and the vector instruction sets it offers. libtorch (oneDNN,
/// ATen, MKL) and System.Numerics.Tensors pick kernels by these flags at run time, so two machines can round differently,
/// or, when a kernel is wrong, give different answers (docs/torch-numerics.md).
/// </summary>
/// <param name="Model">"model name" of the first processor in /proc/cpuinfo ("unknown" when absent).</param>
/// <param name="VectorIsa">The widest vector level the flags offer: "avx512" (avx512f), "avx2" (avx2 and fma), "avx",
/// "sse4.2", "sse2", or "none".</param>
/// <param name="VectorFlags">The flags that select kernels in practice (AVX/AVX2/FMA, every avx512*, AMX, F16C), sorted.</param>
public sealed record CpuDescription(string Model, string VectorIsa, IReadOnlyList<string> VectorFlags)
{
    /// <summary>For machines without /proc/cpuinfo (or without access to it).</summary>
    public static CpuDescription Unknown { get; } = new("unknown", "unknown", []);

    /// <summary>This machine's CPU, read from /proc/cpuinfo; <see cref="Unknown"/> where that file cannot be read.</summary>
    public static CpuDescription Current()
    {
        try { return Parse(File.ReadAllText("/proc/cpuinfo")); }
        catch (IOException) { return Unknown; }
        catch (UnauthorizedAccessException) { return Unknown; }
    }

    /// <summary>Reads the first processor block of a Linux /proc/cpuinfo text. Pure: the same text gives the same result.</summary>
    public static CpuDescription Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null, flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            // A blank line ends the first processor's block; later processors repeat it (hybrid CPUs differ only in model).
            if (line.Trim().Length == 0) { if (model is not null || flags is not null) break; continue; }
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name") model ??= value;
            else if (key == "flags") flags ??= value;
        }
        var set = (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var vector = set.Where(IsVectorFlag).Order(StringComparer.Ordinal).ToArray();
        return new CpuDescription(string.IsNullOrEmpty(model) ? "unknown" : model, Level(set), vector);
    }

    /// <summary>"AMD EPYC (avx2)": the form the engine's error messages use.</summary>
    public override string ToString() => $"{Model} ({VectorIsa})";

    /// <summary>Value equality over the flags too (a record compares lists by reference).</summary>
    public bool Equals(CpuDescription? other) =>
        other is not null && Model == other.Model && VectorIsa == other.VectorIsa && VectorFlags.SequenceEqual(other.VectorFlags);

    public override int GetHashCode() => HashCode.Combine(Model, VectorIsa, VectorFlags.Count);

    private static string Level(HashSet<string> flags) =>
        flags.Contains("avx512f") ? "avx512"
        : flags.Contains("avx2") && flags.Contains("fma") ? "avx2"
        : flags.Contains("avx") ? "avx"
        : flags.Contains("sse4_2") ? "sse4.2"
        : flags.Contains("sse2") ? "sse2"
        : "none";

    private static bool IsVectorFlag(string flag) =>
        flag is "avx" or "avx2" or "fma" or "f16c" or "avx_vnni" or "avx_vnni_int8" or "avx_ifma"
        || flag.StartsWith("avx512", StringComparison.Ordinal) || flag.StartsWith("amx", StringComparison.Ordinal);
}
