using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;
using FrequencyLab.Signals;

namespace FrequencyLab.Data;

/// <summary>
/// The JSON file written next to every dataset (<c>&lt;path&gt;.json</c>): what is needed to regenerate the rows
/// (generator, spec, seed, order) and to detect a file that no longer matches them (row count, K, dtype, SHA-256 of the values).
/// </summary>
/// <param name="Generator">The generator that made the rows; <see cref="GeneratorName"/> for <see cref="SignalGenerator"/>.</param>
/// <param name="Format">The data file's format.</param>
/// <param name="DType">The element type as stored (CSV text holds float32 or float64 values exactly).</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="FrequencyCount">K, the number of one-hot columns.</param>
/// <param name="Order">The row order.</param>
/// <param name="Seed">The generator seed; null when the data were not generated from a known seed.</param>
/// <param name="Spec">The signal spec; null when unknown.</param>
/// <param name="Sha256">SHA-256 (lower-case hex) of all values [S, C1..CK, target], row-major, as float64 little-endian bytes.</param>
public sealed record DatasetSidecar(
    string Generator, DatasetFormat Format, NpyDType DType, int Rows, int FrequencyCount, RowOrder Order,
    ulong? Seed, SignalSpec? Spec, string Sha256)
{
    /// <summary>The sidecar schema version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary><see cref="SignalGenerator"/>: NumPy PCG64 via SeedSequence, draw order as documented there.</summary>
    public const string GeneratorName = "numpy-pcg64";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A sidecar is written only by this code: a repeated or unknown key is a hand edit or corruption, not a newer
        // writer (that would change 'schema'), so both are refused rather than silently resolved.
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The sidecar path for a data file: the data path with <c>.json</c> appended.</summary>
    public static string PathFor(string dataPath) => dataPath + ".json";

    /// <summary>
    /// Regenerates the rows this sidecar describes (spec, seed, order) with <see cref="SignalGenerator"/>, in float64.
    /// Throws <see cref="FrequencyLabException"/> when the sidecar does not know its spec or seed, or names another generator.
    /// </summary>
    public FrequencyDataset Regenerate()
    {
        if (Generator != GeneratorName) throw new FrequencyLabException($"sidecar generator {PrintableText.Quote(Generator)} is not {GeneratorName}: cannot regenerate");
        if (Spec is null || Seed is null) throw new FrequencyLabException("sidecar has no spec or seed: the data cannot be regenerated");
        return FrequencyDataset.FromSignals(SignalGenerator.Generate(Spec, Seed.Value), Order);
    }

    /// <summary>The sidecar as JSON text.</summary>
    public string ToJson()
    {
        var dto = new Dto
        {
            Schema = SchemaVersion,
            Generator = Generator,
            Format = DataNames.Of(Format),
            DType = DType.Name(),
            Rows = Rows,
            FrequencyCount = FrequencyCount,
            Order = DataNames.Of(Order),
            Seed = Seed,
            Spec = Spec is null ? null : SpecDto.From(Spec),
            Sha256 = Sha256,
        };
        return JsonSerializer.Serialize(dto, Options) + "\n";
    }

    /// <summary>Parses sidecar JSON; throws <see cref="DataFileException"/> naming <paramref name="path"/> for any problem.</summary>
    public static DatasetSidecar Parse(string json, string path) => Parse(System.Text.Encoding.UTF8.GetBytes(json), path);

    /// <summary>
    /// Parses sidecar JSON given as UTF-8 bytes (invalid UTF-8 is refused); throws <see cref="DataFileException"/>
    /// naming <paramref name="path"/> for any problem: not JSON, a duplicate or unknown key, a null or a value of the
    /// wrong type where a field is required, an impossible spec.
    /// </summary>
    public static DatasetSidecar Parse(ReadOnlySpan<byte> utf8, string path)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..]; // a BOM, as an editor may add
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw new DataFileException(path, "sidecar is not valid UTF-8 text");
        Dto? dto;
        try { dto = JsonSerializer.Deserialize<Dto>(utf8, Options); }
        catch (JsonException e) { throw new DataFileException(path, $"sidecar is not valid JSON: {FirstLine(e.Message)}"); }
        // A string escaping half a surrogate pair ("\ud800") is no text; the reader says so with this exception.
        catch (InvalidOperationException e) { throw new DataFileException(path, $"sidecar is not valid JSON: {FirstLine(e.Message)}"); }
        if (dto is null) throw new DataFileException(path, "sidecar is empty (null)");
        DataFileException Bad(string problem) => new(path, "sidecar " + problem);

        if (dto.Schema is null) throw Bad("has no 'schema' field");
        if (dto.Schema != SchemaVersion) throw Bad($"schema {dto.Schema} is not supported (expected {SchemaVersion})");
        if (string.IsNullOrEmpty(dto.Generator)) throw Bad("has no 'generator' field");
        var format = DataNames.ParseFormat(dto.Format) ?? throw Bad($"format {PrintableText.Quote(dto.Format)} is not npy or csv");
        var dtype = NpyDTypes.FromName(dto.DType) ?? throw Bad($"dtype {PrintableText.Quote(dto.DType)} is not float32 or float64");
        if (dto.Rows is not { } rows || rows < 0) throw Bad("has no valid 'rows' field");
        if (dto.FrequencyCount is not { } k || k < 1) throw Bad("has no valid 'frequencyCount' field");
        var order = DataNames.ParseOrder(dto.Order) ?? throw Bad($"order {PrintableText.Quote(dto.Order)} is not blocks or interleaved");
        if (string.IsNullOrEmpty(dto.Sha256) || dto.Sha256.Length != 64 || !dto.Sha256.All(char.IsAsciiHexDigit))
            throw Bad("has no valid 'sha256' field (64 hex digits)");
        if (!PrintableText.IsPrintable(dto.Generator)) throw Bad($"generator {PrintableText.Quote(dto.Generator)} holds control characters");
        SignalSpec? spec = null;
        if (dto.Spec is not null)
        {
            try { spec = dto.Spec.ToSpec().Validate(); }
            catch (InvalidSpecException e) { throw Bad($"spec is impossible: {PrintableText.Escape(e.Message, 300)}"); }
            catch (FormatException e) { throw Bad($"spec is incomplete: {PrintableText.Escape(e.Message, 300)}"); }
        }
        return new DatasetSidecar(dto.Generator, format, dtype, rows, k, order, dto.Seed, spec, dto.Sha256.ToLowerInvariant());
    }

    private static string FirstLine(string s) => PrintableText.Escape(s.Split('\n')[0].Trim(), 300);

    private sealed class Dto
    {
        public int? Schema { get; set; }
        public string? Generator { get; set; }
        public string? Format { get; set; }
        [JsonPropertyName("dtype")] public string? DType { get; set; }
        public int? Rows { get; set; }
        public int? FrequencyCount { get; set; }
        public string? Order { get; set; }
        public ulong? Seed { get; set; }
        public SpecDto? Spec { get; set; }
        public string? Sha256 { get; set; }
    }

    private sealed class SpecDto
    {
        public double[]? Frequencies { get; set; }
        public double? SampleRate { get; set; }
        public double? Duration { get; set; }
        public double? AmplitudeMin { get; set; }
        public double? AmplitudeMax { get; set; }
        public double? PhaseMin { get; set; }
        public double? PhaseMax { get; set; }
        public string? Noise { get; set; }
        /// <summary>Written only for the additive mode (older sidecars and the other modes have none).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? NoiseStd { get; set; }

        public static SpecDto From(SignalSpec s) => new()
        {
            Frequencies = s.Frequencies, SampleRate = s.SampleRate, Duration = s.Duration,
            AmplitudeMin = s.AmplitudeMin, AmplitudeMax = s.AmplitudeMax, PhaseMin = s.PhaseMin, PhaseMax = s.PhaseMax,
            Noise = DataNames.Of(s.Noise),
            NoiseStd = s.Noise == NoiseMode.Additive ? s.NoiseStd : null,
        };

        public SignalSpec ToSpec() => new()
        {
            Frequencies = Frequencies ?? throw new FormatException("'frequencies' missing"),
            SampleRate = SampleRate ?? throw new FormatException("'sampleRate' missing"),
            Duration = Duration ?? throw new FormatException("'duration' missing"),
            AmplitudeMin = AmplitudeMin ?? throw new FormatException("'amplitudeMin' missing"),
            AmplitudeMax = AmplitudeMax ?? throw new FormatException("'amplitudeMax' missing"),
            PhaseMin = PhaseMin ?? throw new FormatException("'phaseMin' missing"),
            PhaseMax = PhaseMax ?? throw new FormatException("'phaseMax' missing"),
            Noise = DataNames.ParseNoise(Noise) ?? throw new FormatException($"noise {PrintableText.Quote(Noise)} is not one of {string.Join(", ", DataNames.NoiseNames)}"),
            NoiseStd = DataNames.ParseNoise(Noise) == NoiseMode.Additive
                ? NoiseStd ?? throw new FormatException("'noiseStd' missing for the additive noise mode")
                : SignalSpec.DefaultNoiseStd,
        };
    }
}
