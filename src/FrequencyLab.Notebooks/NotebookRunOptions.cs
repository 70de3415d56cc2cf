namespace FrequencyLab.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
/// <param name="OutputDirectory">Where the executed notebook (name.ipynb) and its HTML rendering (name.html) go.</param>
public sealed record NotebookRunOptions(string OutputDirectory)
{
    /// <summary>Values injected after the cell tagged parameters (papermill's -p), in order.</summary>
    public IReadOnlyList<NotebookParameter> Parameters { get; init; } = [];

    /// <summary>Longest a single cell may run; null means no limit. A cell over the limit fails the run; the kernel is asked to cancel it and is then disposed.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Whether to write the standalone HTML page next to the executed notebook.</summary>
    public bool WriteHtml { get; init; } = true;
}

/// <summary>Where a run is: reported before each cell executes.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="CellNumber">1-based position of the cell in the executed notebook.</param>
/// <param name="CellCount">Cells in the executed notebook (markdown included).</param>
public sealed record NotebookRunProgress(string Notebook, int CellNumber, int CellCount);

/// <summary>A finished run.</summary>
/// <param name="NotebookPath">The input notebook.</param>
/// <param name="ExecutedNotebookPath">The executed .ipynb written.</param>
/// <param name="HtmlPath">The HTML rendering written, or null when not requested.</param>
/// <param name="Executed">The executed notebook, outputs included.</param>
/// <param name="CodeCellsExecuted">Code cells that ran.</param>
/// <param name="Duration">Wall time of the cells.</param>
public sealed record NotebookRunResult(
    string NotebookPath, string ExecutedNotebookPath, string? HtmlPath, NotebookDocument Executed, int CodeCellsExecuted, TimeSpan Duration);
