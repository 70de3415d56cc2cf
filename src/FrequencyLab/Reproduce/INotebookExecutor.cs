namespace FrequencyLab.Reproduce;

/// <summary>
/// The notebooks' side of a study, which the library cannot do itself: running a notebook needs the .NET Interactive
/// kernel, and FrequencyLab.dll, which notebooks load into that kernel, references none of it. FrequencyLab.Notebooks
/// implements it (<c>FrequencyLab.Notebooks.NotebookExecutor</c>); the CLI and the tests pass it in
/// <see cref="ReproduceOptions.Notebooks"/>.
/// </summary>
public interface INotebookExecutor
{
    /// <summary>The source of the notebook's cell tagged <c>parameters</c> (papermill's defaults), or null when it has none.</summary>
    string? ParametersCell(string notebookPath);

    /// <summary>
    /// Runs <paramref name="notebookPath"/> headlessly with <paramref name="parameters"/> injected after its parameters
    /// cell, writing the executed .ipynb and its offline .html into <paramref name="outputFolder"/>. Returns null when every
    /// cell ran, else the failing cell and its exception ("cell 4: DivideByZeroException"; the partial notebook is written).
    /// <paramref name="cellProgress"/> is called with (cell number, cell count) as each cell starts.
    /// </summary>
    string? Run(string notebookPath, string outputFolder, IReadOnlyList<StudyNotebookParameter> parameters,
        Action<int, int> cellProgress, CancellationToken cancellationToken);

    /// <summary>What the study page shows of a notebook: its executed copy in <see cref="ReproduceLayout.Notebooks"/> when
    /// there is one, else its source.</summary>
    NotebookSummary Summarize(string sourcePath, ReproduceLayout layout);
}
