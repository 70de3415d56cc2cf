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
    /// <summary>Reads a notebook; a missing or malformed file is a <see cref="DataFileException"/> naming it.</summary>
    public static NotebookDocument Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "notebook not found");
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidCastException or FormatException or KeyNotFoundException)
        {
            throw new DataFileException(path, $"not a valid nbformat 4 notebook ({e.Message.Split('\n')[0].Trim()})");
        }
    }

    /// <summary>Parses notebook JSON text. Notebooks older than 4.5 get deterministic cell ids (cell-1, cell-2, …).</summary>
    public static NotebookDocument Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the top level is not a JSON object");
        int major = root["nbformat"]?.GetValue<int>() ?? throw new FormatException("nbformat is missing");
        if (major != 4) throw new FormatException($"nbformat {major} is not supported (only 4)");
        int minor = root["nbformat_minor"]?.GetValue<int>() ?? 0;
        var metadata = (JsonObject?)root["metadata"]?.DeepClone() ?? new JsonObject();
        var cells = new List<NotebookCell>();
        var cellArray = root["cells"] as JsonArray ?? throw new FormatException("cells is missing");
        foreach (var node in cellArray)
        {
            var c = node as JsonObject ?? throw new FormatException("a cell is not a JSON object");
            var type = (string?)c["cell_type"] switch
            {
                "code" => CellType.Code,
                "markdown" => CellType.Markdown,
                "raw" => CellType.Raw,
                var other => throw new FormatException($"unknown cell_type '{other}'"),
            };
            var cell = new NotebookCell(
                (string?)c["id"] ?? $"cell-{cells.Count + 1}",
                type,
                JoinLines(c["source"]),
                (JsonObject?)c["metadata"]?.DeepClone())
            {
                ExecutionCount = c["execution_count"]?.GetValue<int>(),
                Attachments = (JsonObject?)c["attachments"]?.DeepClone(),
            };
            if (c["outputs"] is JsonArray outputs)
                foreach (var o in outputs) cell.Outputs.Add(ParseOutput(o as JsonObject ?? throw new FormatException("an output is not a JSON object")));
            cells.Add(cell);
        }
        return new NotebookDocument(metadata, cells, 4, Math.Max(minor, 5));
    }

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

    private static string JoinLines(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(l => (string?)l ?? "")),
        _ => node.GetValue<string>(),
    };

    private static CellOutput ParseOutput(JsonObject o) => (string?)o["output_type"] switch
    {
        "stream" => new StreamOutput((string?)o["name"] ?? StreamOutput.StdOut, JoinLines(o["text"])),
        "display_data" => new DisplayDataOutput(ParseData(o["data"])),
        "execute_result" => new ExecuteResultOutput(o["execution_count"]?.GetValue<int>() ?? 0, ParseData(o["data"])),
        "error" => new ErrorOutput((string?)o["ename"] ?? "", (string?)o["evalue"] ?? "",
            (o["traceback"] as JsonArray)?.Select(l => (string?)l ?? "").ToList() ?? []),
        var other => throw new FormatException($"unknown output_type '{other}'"),
    };

    private static Dictionary<string, string> ParseData(JsonNode? data)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is not JsonObject d) return result;
        foreach (var (mime, value) in d)
            // JSON mime bundles (application/json) hold an object, not text: keep its JSON text.
            result[mime] = value is JsonArray or JsonValue ? JoinLines(value) : value?.ToJsonString() ?? "";
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
