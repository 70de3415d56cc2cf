using System.Text.RegularExpressions;
using FrequencyLab.Charts;
using FrequencyLab.Reproduce;

namespace FrequencyLab.Notebooks;

/// <summary>The study's notebooks stage run on <see cref="NotebookRunner"/>: what <c>freqlab reproduce</c> passes as
/// <see cref="ReproduceOptions.Notebooks"/>.</summary>
public sealed partial class NotebookExecutor : INotebookExecutor
{
    private readonly NotebookRunner _runner = new();

    public string? ParametersCell(string notebookPath) =>
        NotebookFile.Read(notebookPath).Cells.FirstOrDefault(c => c.HasTag("parameters"))?.Source;

    public string? Run(string notebookPath, string outputFolder, IReadOnlyList<StudyNotebookParameter> parameters,
        Action<int, int> cellProgress, CancellationToken cancellationToken)
    {
        var options = new NotebookRunOptions(outputFolder) { Parameters = [.. parameters.Select(p => NotebookParameter.Create(p.Name, p.Value))] };
        try
        {
            _runner.RunAsync(notebookPath, options, new CellProgress(cellProgress), cancellationToken).GetAwaiter().GetResult();
            return null;
        }
        catch (NotebookCellException e)
        {
            return $"{e.CellLabel}: {e.ExceptionName}";
        }
    }

    public NotebookSummary Summarize(string sourcePath, ReproduceLayout layout)
    {
        var name = Path.GetFileName(sourcePath);
        var executedPath = Path.Combine(layout.Notebooks, name);
        var htmlPath = Path.ChangeExtension(executedPath, ".html");
        var notebook = NotebookFile.Read(File.Exists(executedPath) ? executedPath : sourcePath);
        var title = notebook.Cells.Where(c => c.Type == CellType.Markdown).SelectMany(c => c.Source.Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? name;
        if (!File.Exists(executedPath)) return new NotebookSummary(name, title, null, false, 0, 0, []);
        var outputs = notebook.Cells.SelectMany(c => c.Outputs).ToList();
        var findings = outputs.SelectMany(HtmlOf).SelectMany(h => FindingVerdict().Matches(h).Select(m => m.Groups[1].Value)).ToList();
        return new NotebookSummary(name, title, File.Exists(htmlPath) ? layout.Relative(htmlPath) : null, true,
            notebook.Cells.Count(c => c.Type == CellType.Code && c.ExecutionCount is not null), outputs.OfType<ErrorOutput>().Count(), findings);
    }

    private static IEnumerable<string> HtmlOf(CellOutput output) => output switch
    {
        DisplayDataOutput d when d.Data.TryGetValue(MimeTypes.Html, out var h) => [h],
        ExecuteResultOutput r when r.Data.TryGetValue(MimeTypes.Html, out var h) => [h],
        _ => [],
    };

    [GeneratedRegex("class=\"freqlab-finding\" data-verdict=\"([a-z]+)\"")] private static partial Regex FindingVerdict();

    /// <summary>Calls back on the reporting thread.</summary>
    private sealed class CellProgress(Action<int, int> report) : IProgress<NotebookRunProgress>
    {
        public void Report(NotebookRunProgress value) => report(value.CellNumber, value.CellCount);
    }
}
