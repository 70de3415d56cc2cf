using FrequencyLab.Signals;

namespace FrequencyLab.Data;

/// <summary>
/// The spellings used on the command line and in sidecar files: <c>blocks</c>/<c>interleaved</c>,
/// <c>per-sample</c>/<c>per-series</c>/<c>additive</c>, <c>npy</c>/<c>csv</c>.
/// </summary>
public static class DataNames
{
    public static string Of(RowOrder order) => order switch
    {
        RowOrder.Blocks => "blocks",
        RowOrder.Interleaved => "interleaved",
        _ => throw new ArgumentOutOfRangeException(nameof(order)),
    };

    public static string Of(NoiseMode noise) => noise switch
    {
        NoiseMode.PerSample => "per-sample",
        NoiseMode.PerSeries => "per-series",
        NoiseMode.Additive => "additive",
        _ => throw new ArgumentOutOfRangeException(nameof(noise)),
    };

    public static string Of(DatasetFormat format) => format switch
    {
        DatasetFormat.Npy => "npy",
        DatasetFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static RowOrder? ParseOrder(string? name) => name switch
    {
        "blocks" => RowOrder.Blocks,
        "interleaved" => RowOrder.Interleaved,
        _ => null,
    };

    public static NoiseMode? ParseNoise(string? name) => name switch
    {
        "per-sample" => NoiseMode.PerSample,
        "per-series" => NoiseMode.PerSeries,
        "additive" => NoiseMode.Additive,
        _ => null,
    };

    /// <summary>Every noise-mode spelling, in enum order (for option help and error messages).</summary>
    public static IReadOnlyList<string> NoiseNames { get; } = [.. Enum.GetValues<NoiseMode>().Select(Of)];

    public static DatasetFormat? ParseFormat(string? name) => name switch
    {
        "npy" => DatasetFormat.Npy,
        "csv" => DatasetFormat.Csv,
        _ => null,
    };

    /// <summary>The format implied by a file's extension (.npy or .csv, any case); null for anything else.</summary>
    public static DatasetFormat? FormatOfPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".npy" => DatasetFormat.Npy,
        ".csv" => DatasetFormat.Csv,
        _ => null,
    };
}
