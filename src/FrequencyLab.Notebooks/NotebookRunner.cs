using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Runs a C# notebook headlessly, as papermill runs one: the code cells are submitted in order to the real .NET Interactive
/// kernel hosted in this process (<see cref="NotebookKernel"/>, the kernel VS Code's Polyglot Notebooks runs), markdown
/// passes through, the kernel's events become nbformat outputs, and the executed notebook (outputs, execution counts,
/// papermill timing metadata) plus a standalone HTML page are written atomically. The first failing cell stops the run:
/// the partial notebook is written with the error as that cell's output, marked the way papermill marks it, and a
/// <see cref="NotebookCellException"/> is thrown.
/// </summary>
public sealed class NotebookRunner
{
    public const string ErrorCellTag = "papermill-error-cell-tag";

    // The process has one current directory and cells resolve relative paths (#r "../src/…", data files) against it: the
    // kernel starts in the notebook's folder, in VS Code as here. So runs take turns while they hold it.
    private static readonly SemaphoreSlim CurrentDirectoryGate = new(1, 1);

    /// <summary>Runs <paramref name="notebookPath"/> and writes the executed notebook (and HTML) into the output directory.</summary>
    public async Task<NotebookRunResult> RunAsync(
        string notebookPath, NotebookRunOptions options, IProgress<NotebookRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inputPath = Path.GetFullPath(notebookPath);
        var name = Path.GetFileName(inputPath);
        var outputDir = Path.GetFullPath(options.OutputDirectory);
        var outputPath = Path.Combine(outputDir, name);
        var htmlPath = options.WriteHtml ? Path.ChangeExtension(outputPath, ".html") : null;
        // Found now rather than when the outputs are written, after every cell has run.
        if (File.Exists(outputDir))
            throw new InvalidSpecException($"notebook {name}: output folder {outputDir} is a file");
        if (string.Equals(outputPath, inputPath, StringComparison.Ordinal))
            throw new InvalidSpecException($"notebook {name}: the output folder is the notebook's own folder; choose another --out so the source is not overwritten");

        var source = NotebookFile.Read(inputPath);
        var parameters = NotebookParameter.LastWins(options.Parameters);
        var notebook = Prepare(source, name, parameters, out var injected);
        var originalNumbers = OriginalNumbers(notebook, source);
        var runStart = DateTimeOffset.UtcNow;
        SetNotebookMetadata(notebook, inputPath, outputPath, parameters, runStart);

        var outputs = new KernelOutputs();
        await CurrentDirectoryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previousDirectory = Environment.CurrentDirectory;
        var clock = Stopwatch.StartNew();
        int executionCount = 0;
        try
        {
            Environment.CurrentDirectory = Path.GetDirectoryName(inputPath)!;
            // The kernel's formatters are process-wide: reset them as a fresh kernel process (VS Code, dotnet-repl) starts, so
            // the library's formatter sources are created anew and the notebook's first chart carries plotly.js again.
            Formatter.ResetToDefault();
            using var kernel = NotebookKernel.Create();
            for (int i = 0; i < notebook.Cells.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cell = notebook.Cells[i];
                progress?.Report(new NotebookRunProgress(name, i + 1, notebook.Cells.Count));
                var start = DateTimeOffset.UtcNow;
                if (cell.Type != CellType.Code || string.IsNullOrWhiteSpace(cell.Source))
                {
                    SetCellMetadata(cell, start, DateTimeOffset.UtcNow, "completed", exception: false);
                    continue;
                }
                cell.ExecutionCount = ++executionCount;
                var error = await RunCellAsync(kernel, notebook, cell, outputs, options.CellTimeout, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    outputs.AddError(cell, error);
                    SetCellMetadata(cell, start, DateTimeOffset.UtcNow, "failed", exception: true);
                    MarkFailure(notebook, i, cell.ExecutionCount!.Value);
                    FinishNotebookMetadata(notebook, runStart, exception: true);
                    outputs.CopyTo(notebook.Cells);
                    Write(notebook, outputPath, htmlPath);
                    var label = ReferenceEquals(cell, injected) ? "injected-parameters cell" : $"cell {originalNumbers[cell]}";
                    throw new NotebookCellException(name, label, cell.ExecutionCount, error.Name, error.Value, outputPath, htmlPath, null);
                }
                SetCellMetadata(cell, start, DateTimeOffset.UtcNow, "completed", exception: false);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            CurrentDirectoryGate.Release();
        }
        FinishNotebookMetadata(notebook, runStart, exception: false);
        outputs.CopyTo(notebook.Cells);
        Write(notebook, outputPath, htmlPath);
        return new NotebookRunResult(inputPath, outputPath, htmlPath, notebook, executionCount, clock.Elapsed);
    }

    /// <summary>
    /// The notebook as it will run: outputs and counts cleared, papermill error cells of an earlier failed run removed,
    /// parameters injected, every cell marked pending.
    /// </summary>
    private static NotebookDocument Prepare(NotebookDocument source, string name, IReadOnlyList<NotebookParameter> parameters, out NotebookCell? injected)
    {
        var notebook = source.Clone();
        notebook.Cells.RemoveAll(c => c.HasTag(ErrorCellTag));
        foreach (var cell in notebook.Cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove("papermill");
            cell.Metadata.Remove("execution");
        }
        injected = parameters.Count > 0 ? ParameterInjector.Inject(notebook, parameters, name) : null;
        foreach (var cell in notebook.Cells) SetCellMetadata(cell, null, null, "pending", exception: null);
        return notebook;
    }

    /// <summary>
    /// Each cell's 1-based position in the notebook as its author wrote it (the number a failure message uses): papermill's
    /// error cells from an earlier failed run do not count.
    /// </summary>
    private static Dictionary<NotebookCell, int> OriginalNumbers(NotebookDocument notebook, NotebookDocument source)
    {
        var written = source.Cells.Where(c => !c.HasTag(ErrorCellTag)).Select(c => c.Id).ToList();
        return notebook.Cells.ToDictionary(c => c, c => written.IndexOf(c.Id) + 1, (IEqualityComparer<NotebookCell>)ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// Submits one cell and records its outputs; returns the cell's error output when the kernel reports the command failed
    /// (compile error, exception, unknown directive, failed package restore) or the cell outlives <paramref name="timeout"/>.
    /// </summary>
    private static async Task<ErrorOutput?> RunCellAsync(
        CompositeKernel kernel, NotebookDocument notebook, NotebookCell cell, KernelOutputs outputs, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var kernelName = PolyglotMetadata.CellKernel(notebook, cell);
        var submit = new SubmitCode(cell.Source, kernelName is "C#" or "c#" ? NotebookKernel.CSharp : kernelName);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t) limit.CancelAfter(t);
        // Task.Run: a cell that computes for minutes without awaiting must not hold up the timeout and cancellation.
        var run = Task.Run(() => kernel.SendAsync(submit, limit.Token), CancellationToken.None);
        KernelCommandResult result;
        try
        {
            result = await run.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is not null)
        {
            return new ErrorOutput(nameof(TimeoutException),
                $"the cell ran longer than the {timeout.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s cell timeout", []);
        }
        outputs.Add(cell, cell.ExecutionCount!.Value, result.Events);
        return result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed ? ErrorFor(failed) : null;
    }

    /// <summary>
    /// The error output for a failed cell: the exception's type name and message (for a compile error, the compiler's
    /// diagnostics; for a failed directive, the kernel's message), and the stack frames of the cell's own code.
    /// </summary>
    internal static ErrorOutput ErrorFor(CommandFailed failed)
    {
        var e = failed.Exception;
        if (e is null or CodeSubmissionCompilationErrorException)
        {
            var lines = failed.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            return new ErrorOutput(e?.GetType().Name ?? "KernelError", string.Join("\n", lines), lines);
        }
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        // Frames below the submission belong to Roslyn's scripting and the kernel: noise to the reader of a notebook.
        traceback.AddRange((e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) && !l.Contains("--- End of stack trace", StringComparison.Ordinal)));
        return new ErrorOutput(e.GetType().Name, e.Message, traceback);
    }

    /// <summary>
    /// papermill's failure marks: a banner cell at the top, an anchor cell before the failing cell, both tagged
    /// papermill-error-cell-tag (the anchor says "Execution encountered…", not papermill's "Execution using papermill…").
    /// </summary>
    private static void MarkFailure(NotebookDocument notebook, int failingIndex, int executionCount)
    {
        const string style = "color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;";
        var marker = NotebookCell.Markdown("papermill-error-cell-marker",
            $"<span id=\"papermill-error-cell\" style=\"{style}\">Execution encountered an exception here and stopped:</span>");
        var banner = NotebookCell.Markdown("papermill-error-cell-banner",
            $"<span style=\"{style}\">An Exception was encountered at '<a href=\"#papermill-error-cell\">In [{executionCount}]</a>'.</span>");
        foreach (var cell in new[] { marker, banner }) cell.Metadata["tags"] = new JsonArray(ErrorCellTag);
        notebook.Cells.Insert(failingIndex, marker);
        notebook.Cells.Insert(0, banner);
    }

    private static void SetCellMetadata(NotebookCell cell, DateTimeOffset? start, DateTimeOffset? end, string status, bool? exception)
    {
        cell.Metadata["papermill"] = new JsonObject
        {
            ["duration"] = start is { } s && end is { } e ? Math.Round((e - s).TotalSeconds, 6) : null,
            ["end_time"] = end is { } e2 ? Iso(e2) : null,
            ["exception"] = exception,
            ["start_time"] = start is { } s2 ? Iso(s2) : null,
            ["status"] = status,
        };
        if (cell.Type == CellType.Code && start is { } begin && end is { } finish && cell.ExecutionCount is not null)
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = Iso(begin),
                ["iopub.status.busy"] = Iso(begin),
                ["iopub.status.idle"] = Iso(finish),
                ["shell.execute_reply"] = Iso(finish),
            };
    }

    private static void SetNotebookMetadata(
        NotebookDocument notebook, string inputPath, string outputPath, IReadOnlyList<NotebookParameter> parameters, DateTimeOffset start)
    {
        var values = new JsonObject();
        foreach (var p in parameters) values[p.Name] = p.ToJson();
        notebook.Metadata["papermill"] = new JsonObject
        {
            ["default_parameters"] = new JsonObject(),
            ["duration"] = null,
            ["end_time"] = null,
            ["environment_variables"] = new JsonObject(),
            ["exception"] = null,
            ["input_path"] = inputPath,
            ["output_path"] = outputPath,
            ["parameters"] = values,
            ["start_time"] = Iso(start),
        };
    }

    private static void FinishNotebookMetadata(NotebookDocument notebook, DateTimeOffset start, bool exception)
    {
        var end = DateTimeOffset.UtcNow;
        var papermill = (JsonObject)notebook.Metadata["papermill"]!;
        papermill["duration"] = Math.Round((end - start).TotalSeconds, 6);
        papermill["end_time"] = Iso(end);
        papermill["exception"] = exception;
    }

    private static void Write(NotebookDocument notebook, string outputPath, string? htmlPath)
    {
        NotebookFile.Write(outputPath, notebook);
        if (htmlPath is not null) IO.AtomicFile.WriteAllText(htmlPath, NotebookHtml.Render(notebook));
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
