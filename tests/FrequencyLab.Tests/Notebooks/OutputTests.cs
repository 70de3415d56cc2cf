using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class OutputTests
{
    private static async Task<(NotebookRunResult Result, List<NotebookRunProgress> Progress)> Run(TempDir dir, params NotebookCell[] cells)
    {
        NotebookFile.Write(dir.File("n.ipynb"), NotebookDocument.NewCSharp(cells));
        var progress = new List<NotebookRunProgress>();
        var result = await new NotebookRunner().RunAsync(dir.File("n.ipynb"), new NotebookRunOptions(dir.File("out")), new SyncProgress(progress.Add));
        return (result, progress);
    }

    [Fact]
    public async Task Progress_is_reported_before_each_cell()
    {
        using var dir = new TempDir();
        var (_, progress) = await Run(dir, NotebookCell.Markdown("m", "# T"), NotebookCell.Code("a", "1"), NotebookCell.Code("b", "2"));
        Assert.Equal([new("n.ipynb", 1, 3), new("n.ipynb", 2, 3), new("n.ipynb", 3, 3)], progress);
    }

    [Fact]
    public async Task Stderr_is_its_own_stream_and_consecutive_writes_merge()
    {
        using var dir = new TempDir();
        var (result, _) = await Run(dir, NotebookCell.Code("a",
            "Console.Write(\"a\"); Console.Write(\"b\"); Console.Error.WriteLine(\"oops\"); Console.WriteLine(\"c\");"));
        var outputs = NotebookAssert.Cell(result.Executed, "a").Outputs;
        Assert.Equal<CellOutput>([new StreamOutput("stdout", "ab"), new StreamOutput("stderr", "oops\n"), new StreamOutput("stdout", "c\n")], outputs);
    }

    [Fact]
    public async Task Explicit_mime_types_are_honoured_and_an_update_from_a_later_cell_is_shown_there_and_rewritten_in_place()
    {
        using var dir = new TempDir();
        var (result, _) = await Run(dir,
            NotebookCell.Code("a", "var d = display(\"<x>\", \"text/html\", \"text/plain\");"),
            NotebookCell.Code("b", "d.Update(\"<y>\");\nd.Update(\"<z>\");"));
        var shown = NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "a"));
        Assert.Contains("&lt;x&gt;", shown[MimeTypes.Html]);
        Assert.Equal("<x>", shown[MimeTypes.PlainText]);
        var updated = NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "b"));
        Assert.Contains("&lt;z&gt;", updated[MimeTypes.Html]);
        Assert.Equal("<z>", updated[MimeTypes.PlainText]);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_like_the_kernel()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("data.txt"), "from the notebook folder");
        var (result, _) = await Run(dir, NotebookCell.Code("a", "System.IO.File.ReadAllText(\"data.txt\")"));
        Assert.Equal("from the notebook folder", NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "a"))[MimeTypes.PlainText]);
    }

    /// <summary>Records progress on the reporting thread (Progress&lt;T&gt; would post to the thread pool and race the assertion).</summary>
    private sealed class SyncProgress(Action<NotebookRunProgress> report) : IProgress<NotebookRunProgress>
    {
        public void Report(NotebookRunProgress value) => report(value);
    }
}
