namespace FrequencyLab.IO;

/// <summary>Names and sizes of <see cref="NpyDType"/> as numpy spells them.</summary>
public static class NpyDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => 4,
        NpyDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>numpy's <c>descr</c> string: <c>&lt;f4</c> or <c>&lt;f8</c>.</summary>
    public static string Descr(this NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>The lower-case name used in sidecars and on the command line: <c>float32</c> or <c>float64</c>.</summary>
    public static string Name(this NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "float32",
        NpyDType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Parses <c>float32</c>/<c>float64</c>; null when the name is neither.</summary>
    public static NpyDType? FromName(string? name) => name switch
    {
        "float32" => NpyDType.Float32,
        "float64" => NpyDType.Float64,
        _ => null,
    };

    /// <summary>Rounds <paramref name="value"/> to what the dtype can hold (float32 rounding, or unchanged).</summary>
    public static double Round(this NpyDType dtype, double value) => dtype == NpyDType.Float32 ? (float)value : value;
}
