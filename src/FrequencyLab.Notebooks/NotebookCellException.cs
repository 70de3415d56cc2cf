namespace FrequencyLab.Notebooks;

/// <summary>
/// A cell of a notebook failed, which fails the whole run (papermill's PapermillExecutionError). The message is one line,
/// <c>notebook NAME.ipynb cell N: ExceptionType: message</c>; N counts every cell of the notebook as written, from 1
/// (the injected parameters cell, which the author never wrote, is named "injected-parameters cell").
/// The partial executed notebook, with the error as the cell's output, has been written when this is thrown.
/// </summary>
public sealed class NotebookCellException(
    string notebook, string cellLabel, int? executionCount, string exceptionName, string exceptionMessage,
    string? executedNotebookPath, string? htmlPath, Exception? inner)
    : FrequencyLabException($"notebook {notebook} {cellLabel}: {exceptionName}: {OneLine(exceptionMessage)}", inner ?? new Exception(exceptionMessage))
{
    public string Notebook { get; } = notebook;

    /// <summary>"cell N" or "injected-parameters cell".</summary>
    public string CellLabel { get; } = cellLabel;

    /// <summary>The failing cell's In [n] number.</summary>
    public int? ExecutionCount { get; } = executionCount;

    public string ExceptionName { get; } = exceptionName;

    public string ExceptionMessage { get; } = exceptionMessage;

    public string? ExecutedNotebookPath { get; } = executedNotebookPath;

    public string? HtmlPath { get; } = htmlPath;

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
