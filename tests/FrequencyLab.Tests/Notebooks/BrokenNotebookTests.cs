using System.Text.Json.Nodes;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class BrokenNotebookTests
{
    [Fact]
    public async Task A_throwing_cell_fails_the_run_with_one_line_and_writes_the_partial_notebook()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<NotebookCellException>(() =>
            new NotebookRunner().RunAsync(NotebookAssert.Fixture("broken.ipynb"), new NotebookRunOptions(dir.Path)));

        Assert.Equal("notebook broken.ipynb cell 3: InvalidOperationException: boom at step 7", e.Message);
        Assert.Equal(2, e.ExecutionCount);

        var partial = NotebookFile.Read(dir.File("broken.ipynb"));
        NotebookAssert.ValidAgainstSchema(dir.File("broken.ipynb"));
        Assert.Equal("before the failure\n", Assert.IsType<StreamOutput>(Assert.Single(NotebookAssert.Cell(partial, "fine").Outputs)).Text);

        var failing = NotebookAssert.Cell(partial, "throws");
        var error = Assert.IsType<ErrorOutput>(Assert.Single(failing.Outputs));
        Assert.Equal("InvalidOperationException", error.Name);
        Assert.Equal("boom at step 7", error.Value);
        Assert.Equal("System.InvalidOperationException: boom at step 7", error.Traceback[0]);
        Assert.Equal("failed", (string?)failing.Metadata["papermill"]!["status"]);
        Assert.True((bool)failing.Metadata["papermill"]!["exception"]!);

        var never = NotebookAssert.Cell(partial, "never");
        Assert.Equal("pending", (string?)never.Metadata["papermill"]!["status"]);
        Assert.Null(never.ExecutionCount);

        // papermill's marks: a banner first, naming In [2], and an anchor cell right before the failing cell.
        Assert.Contains("In [2]", partial.Cells[0].Source);
        Assert.True(partial.Cells[0].HasTag(NotebookRunner.ErrorCellTag));
        int failingIndex = partial.Cells.IndexOf(failing);
        Assert.True(partial.Cells[failingIndex - 1].HasTag(NotebookRunner.ErrorCellTag));
        Assert.True((bool)partial.Metadata["papermill"]!["exception"]!);

        Assert.Contains("boom at step 7", File.ReadAllText(dir.File("broken.html")));
    }

    [Fact]
    public async Task Rerunning_a_failed_output_notebook_drops_the_old_error_marks()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        await Assert.ThrowsAsync<NotebookCellException>(() =>
            new NotebookRunner().RunAsync(NotebookAssert.Fixture("broken.ipynb"), new NotebookRunOptions(first.Path)));
        var e = await Assert.ThrowsAsync<NotebookCellException>(() =>
            new NotebookRunner().RunAsync(first.File("broken.ipynb"), new NotebookRunOptions(second.Path)));
        Assert.Equal("notebook broken.ipynb cell 3: InvalidOperationException: boom at step 7", e.Message);
        Assert.Equal(2, NotebookFile.Read(second.File("broken.ipynb")).Cells.Count(c => c.HasTag(NotebookRunner.ErrorCellTag)));
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_and_the_compiler_diagnostic()
    {
        using var dir = new TempDir();
        var path = dir.File("typo.ipynb");
        NotebookFile.Write(path, NotebookDocument.NewCSharp([
            NotebookCell.Code("a", "var n = 1;"),
            NotebookCell.Markdown("b", "text"),
            NotebookCell.Code("c", "var m = n +\n  undefinedName;"),
        ]));
        var e = await Assert.ThrowsAsync<NotebookCellException>(() => new NotebookRunner().RunAsync(path, new NotebookRunOptions(dir.File("out"))));
        Assert.StartsWith("notebook typo.ipynb cell 3: CodeSubmissionCompilationErrorException: (2,3): error CS0103: The name 'undefinedName' does not exist", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        NotebookAssert.ValidAgainstSchema(Path.Combine(dir.File("out"), "typo.ipynb"));
    }

    [Fact]
    public async Task A_cell_over_the_timeout_fails_the_run()
    {
        using var dir = new TempDir();
        var path = dir.File("slow.ipynb");
        NotebookFile.Write(path, NotebookDocument.NewCSharp([NotebookCell.Code("slow", "System.Threading.Thread.Sleep(5000);")]));
        var options = new NotebookRunOptions(dir.File("out")) { CellTimeout = TimeSpan.FromMilliseconds(300) };
        var e = await Assert.ThrowsAsync<NotebookCellException>(() => new NotebookRunner().RunAsync(path, options));
        Assert.Equal("notebook slow.ipynb cell 1: TimeoutException: the cell ran longer than the 0.3 s cell timeout", e.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        using var dir = new TempDir();
        var path = dir.File("long.ipynb");
        NotebookFile.Write(path, NotebookDocument.NewCSharp([NotebookCell.Code("long", "System.Threading.Thread.Sleep(5000);")]));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new NotebookRunner().RunAsync(path, new NotebookRunOptions(dir.File("out")), null, cts.Token));
    }
}
