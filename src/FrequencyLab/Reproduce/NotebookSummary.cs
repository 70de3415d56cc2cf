namespace FrequencyLab.Reproduce;

/// <summary>An executed notebook of the study: where its pages are and whether any cell ended in an error
/// (read by <see cref="INotebookExecutor.Summarize"/>).</summary>
/// <param name="Name">File name, e.g. "05-evaluation.ipynb".</param>
/// <param name="Title">Its first "# " heading.</param>
/// <param name="Html">The offline HTML page, relative to the study folder (null when not written).</param>
/// <param name="Executed">Whether an executed copy exists.</param>
/// <param name="CodeCellsRun">Code cells with an execution count.</param>
/// <param name="Errors">Error outputs in the executed copy (0 for a clean run).</param>
/// <param name="Findings">The verdicts the notebook displayed (from its findings' data-verdict attributes), in order.</param>
public sealed record NotebookSummary(string Name, string Title, string? Html, bool Executed, int CodeCellsRun, int Errors, IReadOnlyList<string> Findings);
