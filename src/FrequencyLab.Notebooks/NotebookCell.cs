using System.Text.Json.Nodes;

namespace FrequencyLab.Notebooks;

/// <summary>The three nbformat cell kinds.</summary>
public enum CellType { Code, Markdown, Raw }

/// <summary>
/// One cell of a notebook. Metadata is kept as JSON so that whatever an editor stored (VS Code, Jupyter, papermill)
/// survives a run untouched; the runner only adds its own keys.
/// </summary>
public sealed class NotebookCell
{
    public NotebookCell(string id, CellType type, string source, JsonObject? metadata = null)
    {
        Id = id;
        Type = type;
        Source = source;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>The nbformat 4.5 cell id (1–64 characters of letters, digits, '-' and '_').</summary>
    public string Id { get; set; }

    public CellType Type { get; }

    /// <summary>The cell text with '\n' line ends.</summary>
    public string Source { get; set; }

    public JsonObject Metadata { get; set; }

    /// <summary>Outputs of a code cell (always empty for markdown and raw cells).</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The In [n] number of an executed code cell; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Markdown/raw cell attachments, kept verbatim.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>The cell's metadata tags (papermill marks cells with "parameters" and "injected-parameters").</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToList() : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>A C# code cell with the metadata VS Code Polyglot Notebooks writes for it.</summary>
    public static NotebookCell Code(string id, string source, params string[] tags)
    {
        var cell = new NotebookCell(id, CellType.Code, source, PolyglotMetadata.CSharpCellMetadata());
        if (tags.Length > 0) cell.Metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        return cell;
    }

    public static NotebookCell Markdown(string id, string source) => new(id, CellType.Markdown, source);

    /// <summary>A deep copy (metadata and outputs included), so a run never changes the notebook it was given.</summary>
    public NotebookCell Clone()
    {
        var copy = new NotebookCell(Id, Type, Source, (JsonObject)Metadata.DeepClone())
        {
            ExecutionCount = ExecutionCount,
            Attachments = (JsonObject?)Attachments?.DeepClone(),
        };
        copy.Outputs.AddRange(Outputs);
        return copy;
    }
}
