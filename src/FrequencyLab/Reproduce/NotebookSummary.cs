using FrequencyLab.Notebooks;

namespace FrequencyLab.Reproduce;

/// <summary>An executed notebook of the study: where its pages are and whether any cell ended in an error.</summary>
/// <param name="Name">File name, e.g. "05-evaluation.ipynb".</param>
/// <param name="Title">Its first "# " heading.</param>
/// <param name="Html">The offline HTML page, relative to the study folder (null when not written).</param>
/// <param name="Executed">Whether an executed copy exists.</param>
/// <param name="CodeCellsRun">Code cells with an execution count.</param>
/// <param name="Errors">Error outputs in the executed copy (0 for a clean run).</param>
/// <param name="Findings">The verdicts the notebook displayed (from its findings' data-verdict attributes), in order.</param>
public sealed record NotebookSummary(string Name, string Title, string? Html, bool Executed, int CodeCellsRun, int Errors, IReadOnlyList<string> Findings)
{
    public static NotebookSummary Load(string sourcePath, ReproduceLayout layout)
    {
        var name = Path.GetFileName(sourcePath);
        var executedPath = Path.Combine(layout.Notebooks, name);
        var htmlPath = Path.ChangeExtension(executedPath, ".html");
        var notebook = NotebookFile.Read(File.Exists(executedPath) ? executedPath : sourcePath);
        var title = notebook.Cells.Where(c => c.Type == CellType.Markdown).SelectMany(c => c.Source.Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? name;
        if (!File.Exists(executedPath)) return new NotebookSummary(name, title, null, false, 0, 0, []);
        var outputs = notebook.Cells.SelectMany(c => c.Outputs).ToList();
        var findings = outputs.SelectMany(HtmlOf)
            .SelectMany(h => System.Text.RegularExpressions.Regex.Matches(h, "class=\"freqlab-finding\" data-verdict=\"([a-z]+)\"").Select(m => m.Groups[1].Value))
            .ToList();
        return new NotebookSummary(name, title, File.Exists(htmlPath) ? layout.Relative(htmlPath) : null, true,
            notebook.Cells.Count(c => c.Type == CellType.Code && c.ExecutionCount is not null), outputs.OfType<ErrorOutput>().Count(), findings);
    }

    private static IEnumerable<string> HtmlOf(CellOutput output) => output switch
    {
        DisplayDataOutput d when d.Data.TryGetValue(MimeTypes.Html, out var h) => [h],
        ExecuteResultOutput r when r.Data.TryGetValue(MimeTypes.Html, out var h) => [h],
        _ => [],
    };
}
