using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrequencyLab.IO;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Reads and writes .ipynb files (nbformat 4). Writing follows nbformat's and VS Code's own serializers: keys sorted,
/// one-space indent, non-ASCII kept as is, multi-line strings as lists of lines, a final newline; files are written atomically.
/// </summary>
public static class NotebookFile
{
    /// <summary>The largest notebook read: 256 MiB (executed notebooks with charts are a few MB).</summary>
    public const long MaxFileBytes = 256L << 20;

    // nbformat 4.5's cell id: 1–64 letters, digits, '-' or '_'.
    private const int MaxCellIdLength = 64;

    // A notebook is JSON as Jupyter writes it: a repeated key is corruption (Jupyter's own reader, Python's json, would keep
    // the last silently; nbformat's schema cannot see it), so it is refused rather than resolved.
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Reads a notebook; a missing, unreadable or malformed file (not UTF-8 JSON, a duplicate key, a null or a value of the
    /// wrong type where nbformat 4 requires one, larger than <see cref="MaxFileBytes"/>) is a <see cref="DataFileException"/>
    /// whose one line names the file and the first problem.
    /// </summary>
    public static NotebookDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DataFileException(path, Directory.Exists(path) ? "is a folder, not a notebook" : "notebook not found");
        var bytes = BoundedFile.ReadAllBytes(path, MaxFileBytes, "notebook");
        try
        {
            return Parse(bytes);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new DataFileException(path, $"not a valid nbformat 4 notebook ({PrintableText.Escape(e.Message.Split('\n')[0].Trim(), 300)})");
        }
    }

    /// <summary>
    /// Parses notebook JSON text. Notebooks older than 4.5 get deterministic cell ids (cell-1, cell-2, …).
    /// Throws <see cref="FormatException"/> or <see cref="JsonException"/> for anything that is not an nbformat 4 notebook.
    /// </summary>
    public static NotebookDocument Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="Parse(string)"/>
    public static NotebookDocument Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        var root = ParseJson(utf8) as JsonObject ?? throw new FormatException("the top level is not a JSON object");
        CheckStrings(root);
        int major = Int(Required(root, "nbformat", "the notebook"), "nbformat");
        if (major != 4) throw new FormatException($"nbformat {major} is not supported (only 4)");
        int minor = Optional(root, "nbformat_minor", "the notebook") is { } m ? Int(m, "nbformat_minor") : 0;
        if (minor < 0) throw new FormatException($"nbformat_minor {minor} is negative");
        var metadata = ObjectOrNull(root, "metadata", "the notebook") ?? new JsonObject();
        var cells = new List<NotebookCell>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cellArray = Required(root, "cells", "the notebook") as JsonArray ?? throw new FormatException("cells is not a list");
        foreach (var node in cellArray)
        {
            string where = $"cell {cells.Count + 1}";
            var c = node as JsonObject ?? throw new FormatException($"{where} is not a JSON object");
            var type = String(Required(c, "cell_type", where), $"{where}: cell_type") switch
            {
                "code" => CellType.Code,
                "markdown" => CellType.Markdown,
                "raw" => CellType.Raw,
                var other => throw new FormatException($"{where}: unknown cell_type {PrintableText.Quote(other)}"),
            };
            string id = Optional(c, "id", where) is { } idNode ? CellId(String(idNode, $"{where}: id"), where) : $"cell-{cells.Count + 1}";
            if (!ids.Add(id)) throw new FormatException($"{where}: cell id '{id}' appears twice");
            var cellMetadata = ObjectOrNull(c, "metadata", where);
            if (cellMetadata?["tags"] is { } tags) CheckTags(tags, where);
            var cell = new NotebookCell(id, type, Text(Optional(c, "source", where), $"{where}: source"), cellMetadata)
            {
                ExecutionCount = Optional(c, "execution_count", where) is { } count ? Int(count, $"{where}: execution_count") : null,
                Attachments = ObjectOrNull(c, "attachments", where),
            };
            if (Optional(c, "outputs", where) is { } outputsNode)
            {
                var outputs = outputsNode as JsonArray ?? throw new FormatException($"{where}: outputs is not a list");
                foreach (var o in outputs)
                    cell.Outputs.Add(ParseOutput(o as JsonObject ?? throw new FormatException($"{where}: an output is not a JSON object"), where));
            }
            cells.Add(cell);
        }
        return new NotebookDocument(metadata, cells, 4, Math.Max(minor, 5));
    }

    // Strict JSON: UTF-8, no comments or trailing commas, nothing after the value, no key twice in one object.
    // (The parser checks UTF-8 only where it decodes a string, lazily; the whole text is checked first.)
    private static JsonNode? ParseJson(ReadOnlySpan<byte> utf8) =>
        System.Text.Unicode.Utf8.IsValid(utf8)
            ? JsonNode.Parse(utf8, documentOptions: DocumentOptions)
            : throw new FormatException("the file is not valid UTF-8 text");

    // JSON may escape half a surrogate pair ("\ud800"), which is no text: System.Text.Json throws when such a string is
    // read, so every key and string is decoded once here and a bad one refused, instead of failing later in whoever reads it.
    private static void CheckStrings(JsonNode? node)
    {
        try
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, value) in o) CheckStrings(value);
                    break;
                case JsonArray a:
                    foreach (var item in a) CheckStrings(item);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    v.GetValue<string>();
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"a string is not valid Unicode text ({e.Message})");
        }
    }

    // A key that is absent gives null; a key present with JSON null is an error (nbformat never writes null there).
    private static JsonNode? Optional(JsonObject o, string key, string where)
    {
        if (!o.TryGetPropertyValue(key, out var node)) return null;
        return node ?? (key == "execution_count" ? null : throw new FormatException($"{where}: {key} is null"));
    }

    private static JsonNode Required(JsonObject o, string key, string where) =>
        Optional(o, key, where) ?? throw new FormatException($"{where}: {key} is missing");

    private static JsonObject? ObjectOrNull(JsonObject o, string key, string where) => Optional(o, key, where) switch
    {
        null => null,
        JsonObject value => (JsonObject)value.DeepClone(),
        _ => throw new FormatException($"{where}: {key} is not a JSON object"),
    };

    private static int Int(JsonNode node, string what)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i)) return i;
        throw new FormatException($"{what} is not an integer (found {Kind(node)})");
    }

    private static string String(JsonNode node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new FormatException($"{what} is not a string (found {Kind(node)})");

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => $"the number {PrintableText.Escape(v.ToJsonString(), 40)}",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "?",
    };

    private static string CellId(string id, string where)
    {
        bool ok = id.Length is >= 1 and <= MaxCellIdLength && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');
        return ok ? id : throw new FormatException($"{where}: cell id {PrintableText.Quote(id)} is not 1–64 letters, digits, '-' or '_'");
    }

    private static void CheckTags(JsonNode tags, string where)
    {
        if (tags is not JsonArray list) throw new FormatException($"{where}: metadata.tags is not a list");
        foreach (var t in list) String(t ?? throw new FormatException($"{where}: a tag is null"), $"{where}: a tag");
    }

    // nbformat's multiline string: one string, or a list of strings joined as they are.
    private static string Text(JsonNode? node, string what) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(l => l is null ? throw new FormatException($"{what} holds a null line") : String(l, what + " line"))),
        _ => String(node, what),
    };
    /// <summary>The notebook as nbformat 4.5 JSON text.</summary>
    public static string Serialize(NotebookDocument notebook)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(notebook.Cells.Select(c => (JsonNode?)CellToJson(c)).ToArray()),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = notebook.NbFormat,
            ["nbformat_minor"] = notebook.NbFormatMinor,
        };
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options)) WriteSorted(writer, root);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the notebook atomically (the old file stays whole if writing fails).</summary>
    public static void Write(string path, NotebookDocument notebook) => AtomicFile.WriteAllText(path, Serialize(notebook));

    /// <summary>Splits text the way nbformat stores a multi-line string: each line keeps its '\n', the last one may not.</summary>
    public static JsonArray SplitLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static CellOutput ParseOutput(JsonObject o, string cell)
    {
        string where = $"{cell}: output";
        return String(Required(o, "output_type", where), $"{where}: output_type") switch
        {
            "stream" => new StreamOutput(Optional(o, "name", where) is { } n ? String(n, $"{where}: name") : StreamOutput.StdOut,
                Text(Optional(o, "text", where), $"{where}: text")),
            "display_data" => new DisplayDataOutput(ParseData(Optional(o, "data", where), where)),
            "execute_result" => new ExecuteResultOutput(Optional(o, "execution_count", where) is { } c ? Int(c, $"{where}: execution_count") : 0,
                ParseData(Optional(o, "data", where), where)),
            "error" => new ErrorOutput(
                Optional(o, "ename", where) is { } en ? String(en, $"{where}: ename") : "",
                Optional(o, "evalue", where) is { } ev ? String(ev, $"{where}: evalue") : "",
                Optional(o, "traceback", where) switch
                {
                    null => [],
                    JsonArray lines => [.. lines.Select(l => String(l ?? throw new FormatException($"{where}: a traceback line is null"), $"{where}: traceback line"))],
                    var other => throw new FormatException($"{where}: traceback is not a list (found {Kind(other)})"),
                }),
            var other => throw new FormatException($"{where}: unknown output_type {PrintableText.Quote(other)}"),
        };
    }

    private static Dictionary<string, string> ParseData(JsonNode? data, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is null) return result;
        if (data is not JsonObject d) throw new FormatException($"{where}: data is not a JSON object (found {Kind(data)})");
        foreach (var (mime, value) in d)
            // JSON mime bundles (application/json) hold any JSON value; the others hold text (a string or a list of lines).
            result[mime] = value switch
            {
                null => throw new FormatException($"{where}: data[{PrintableText.Quote(mime)}] is null"),
                JsonObject => value.ToJsonString(),
                JsonArray a when a.Any(l => l is not JsonValue v || v.GetValueKind() != JsonValueKind.String) => value.ToJsonString(),
                JsonValue v when v.GetValueKind() != JsonValueKind.String => value.ToJsonString(),
                _ => Text(value, $"{where}: data[{PrintableText.Quote(mime)}]"),
            };
        return result;
    }

    private static JsonObject CellToJson(NotebookCell cell)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cell.Type switch { CellType.Code => "code", CellType.Markdown => "markdown", _ => "raw" },
            ["id"] = cell.Id,
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = SplitLines(cell.Source),
        };
        if (cell.Attachments is not null && cell.Type != CellType.Code) json["attachments"] = cell.Attachments.DeepClone();
        if (cell.Type == CellType.Code)
        {
            json["execution_count"] = cell.ExecutionCount;
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)OutputToJson(o)).ToArray());
        }
        return json;
    }

    private static JsonObject OutputToJson(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["name"] = s.Name, ["output_type"] = "stream", ["text"] = SplitLines(s.Text) },
        DisplayDataOutput d => new JsonObject { ["data"] = DataToJson(d.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" },
        ExecuteResultOutput r => new JsonObject
        {
            ["data"] = DataToJson(r.Data),
            ["execution_count"] = r.ExecutionCount,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "execute_result",
        },
        ErrorOutput e => new JsonObject
        {
            ["ename"] = e.Name,
            ["evalue"] = e.Value,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(e.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(output), output.GetType().Name),
    };

    private static JsonObject DataToJson(IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject();
        foreach (var (mime, text) in data) json[mime] = SplitLines(text);
        return json;
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
