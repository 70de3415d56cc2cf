using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FrequencyLab.IO;

/// <summary>
/// The one strict reader of freqlab's JSON files (config.json, history.json, sweep.json, reproduce.json, ledger.json,
/// forecasts, learnability runs, claims and figures files). Total: whatever the bytes, a read gives a value or one
/// <see cref="DataFileException"/> line naming the file, what it should have been and what is wrong (with the JSON path,
/// e.g. <c>$.data.spec</c>); never another exception.
/// </summary>
/// <remarks>
/// Refused: a missing file or a folder; a file over <see cref="MaxBytes"/>; bytes that are not UTF-8; nesting deeper than
/// <see cref="MaxDepth"/>; a duplicate key (the two values could be read differently by another tool); <c>null</c> where the
/// type has no null; a missing required value; a key the type does not have (a typo would otherwise silently fall back to
/// a default); any wrong type or out-of-range number. Meaning (finite numbers, increasing epochs, …) is checked by each
/// reader after this, with the same one-line exception (<see cref="Invalid"/>).
/// </remarks>
public static class JsonFile
{
    /// <summary>64 MiB: far above any file freqlab writes (a 1,000-epoch history.json is about 2 MB), low enough that a
    /// hostile file cannot make a reader hold gigabytes.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Nesting freqlab's files never come near (the deepest, history.json, nests 6 levels).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false, MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false,
    };

    /// <summary>A read-only copy of <paramref name="options"/> (naming, converters, number handling) that reads strictly: no
    /// duplicate keys, nullable annotations and required constructor parameters respected, unknown keys refused unless
    /// <paramref name="allowUnknownKeys"/> (files written by hand or by other tools), depth limited.</summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions options, bool allowUnknownKeys = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var strict = new JsonSerializerOptions(options)
        {
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = allowUnknownKeys ? JsonUnmappedMemberHandling.Skip : JsonUnmappedMemberHandling.Disallow,
            MaxDepth = MaxDepth,
        };
        strict.MakeReadOnly(populateMissingResolver: true);
        return strict;
    }

    /// <summary>The file's bytes, checked to exist, fit <see cref="MaxBytes"/> and be UTF-8 (a leading BOM is dropped).</summary>
    public static byte[] ReadBytes(string path, string what) =>
        WithoutBom(BoundedFile.ReadAllBytes(path, MaxBytes, what), path, what);

    /// <summary>Reads <paramref name="path"/> as a <typeparamref name="T"/> with <paramref name="strictOptions"/> (made by
    /// <see cref="Strict"/>); a JSON <c>null</c> document is refused.</summary>
    public static T Read<T>(string path, string what, JsonSerializerOptions strictOptions) =>
        Parse<T>(ReadBytes(path, what), path, what, strictOptions);

    /// <summary><see cref="Read{T}"/> on text already in memory; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(string json, string source, string what, JsonSerializerOptions strictOptions)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse<T>(Encoding.UTF8.GetBytes(json), source, what, strictOptions);
    }

    /// <summary><see cref="Read{T}"/> on UTF-8 bytes already in memory; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8, string source, string what, JsonSerializerOptions strictOptions)
    {
        ArgumentNullException.ThrowIfNull(strictOptions);
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw Invalid(source, what, InvalidUtf8(utf8));
        try
        {
            return JsonSerializer.Deserialize<T>(utf8, strictOptions) ?? throw Invalid(source, what, "the document is null");
        }
        catch (FrequencyLabException e) when (e is not DataFileException)
        {
            // A record's own check (e.g. an invalid spec) while it was being built from the file.
            throw Invalid(source, what, e.Message);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw Invalid(source, what, Describe(e));
        }
    }

    /// <summary>The file as a <see cref="JsonDocument"/> (same limits: size, UTF-8, depth, no duplicate keys), for readers
    /// of files written by hand or by other tools that pick fields out; use <see cref="Use{T}"/> to read fields safely.</summary>
    public static JsonDocument ReadDocument(string path, string what) => ParseDocument(ReadBytes(path, what), path, what);

    /// <summary><see cref="ReadDocument"/> on bytes already in memory.</summary>
    public static JsonDocument ParseDocument(byte[] utf8, string source, string what)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var bytes = WithoutBom(utf8, source, what);
        try { return JsonDocument.Parse(bytes, DocumentOptions); }
        catch (Exception e) when (IsMalformed(e)) { throw Invalid(source, what, Describe(e)); }
    }

    /// <summary>Runs <paramref name="read"/> over a parsed document, turning the exceptions of <see cref="JsonElement"/>'s
    /// accessors on a value of the wrong kind (an array where an object is expected, a string for a number, a missing key)
    /// into one line naming the file.</summary>
    public static T Use<T>(JsonDocument document, string source, string what, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(read);
        try { return read(document.RootElement); }
        catch (FrequencyLabException e) when (e is not DataFileException) { throw Invalid(source, what, e.Message); }
        catch (Exception e) when (IsMalformed(e) || e is KeyNotFoundException or IndexOutOfRangeException)
        {
            throw Invalid(source, what, Describe(e));
        }
    }

    /// <summary>The one-line error for <paramref name="source"/> that is not a valid <paramref name="what"/>.</summary>
    public static DataFileException Invalid(string source, string what, string problem) =>
        new(Printable(source), $"not a valid {what}: {Printable(OneLine(problem))}");

    /// <summary><paramref name="text"/> safe to print on a terminal, whole (paths and JSON paths are not cut): the one
    /// escaper of the project, <see cref="PrintableText.Escape"/>.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PrintableText.Whole(text);
    }

    private static bool IsMalformed(Exception e) =>
        e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException
            or OverflowException or DecoderFallbackException or InsufficientExecutionStackException;

    // System.Text.Json's messages put the JSON path after "Path:"; keep the first sentence and that path.
    private static string Describe(Exception e)
    {
        var message = OneLine(e.Message);
        if (e is JsonException { Path: { } path } && !message.Contains("Path:", StringComparison.Ordinal)) message += $" (at {path})";
        int pipe = message.IndexOf(" | ", StringComparison.Ordinal);
        if (pipe > 0) message = message[..pipe];
        if (e.InnerException is { } inner && e is JsonException && !string.IsNullOrWhiteSpace(inner.Message)
            && !message.Contains(OneLine(inner.Message), StringComparison.Ordinal))
            message += $" ({OneLine(inner.Message)})";
        return message;
    }

    private static string OneLine(string s)
    {
        var line = s.ReplaceLineEndings(" ").Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    private static byte[] WithoutBom(byte[] bytes, string source, string what)
    {
        if (bytes.AsSpan().StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw Invalid(source, what, InvalidUtf8(bytes));
        return bytes;
    }

    // Names the offset of the first byte that does not start or continue a UTF-8 sequence.
    private static string InvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return $"the bytes are not UTF-8 (at byte {read})";
    }
}
