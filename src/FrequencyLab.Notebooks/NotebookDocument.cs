using System.Text.Json.Nodes;

namespace FrequencyLab.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4): notebook metadata and an ordered list of cells.
/// Read and written by <see cref="NotebookFile"/>; executed by <see cref="NotebookRunner"/>.
/// </summary>
public sealed class NotebookDocument
{
    public NotebookDocument(JsonObject? metadata = null, IEnumerable<NotebookCell>? cells = null, int nbFormat = 4, int nbFormatMinor = 5)
    {
        Metadata = metadata ?? new JsonObject();
        Cells = cells?.ToList() ?? [];
        NbFormat = nbFormat;
        NbFormatMinor = nbFormatMinor;
    }

    public JsonObject Metadata { get; set; }

    public List<NotebookCell> Cells { get; }

    public int NbFormat { get; }

    public int NbFormatMinor { get; set; }

    /// <summary>An empty C# notebook carrying the metadata VS Code Polyglot Notebooks writes (kernelspec .net-csharp).</summary>
    public static NotebookDocument NewCSharp(IEnumerable<NotebookCell>? cells = null) => new(PolyglotMetadata.CSharpNotebookMetadata(), cells);

    /// <summary>A deep copy, so a run never changes the document it was given.</summary>
    public NotebookDocument Clone() =>
        new((JsonObject)Metadata.DeepClone(), Cells.Select(c => c.Clone()), NbFormat, NbFormatMinor);
}
