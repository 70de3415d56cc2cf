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
    public async Task Explicit_mime_types_are_honoured_and_a_later_cell_can_update_an_earlier_display()
    {
        using var dir = new TempDir();
        var (result, _) = await Run(dir,
            NotebookCell.Code("a", "var d = display(\"<x>\", \"text/html\", \"text/plain\");"),
            NotebookCell.Code("b", "d.Update(\"<y>\");"));
        var data = NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "a"));
        Assert.Equal("<pre>&lt;y&gt;</pre>", data[MimeTypes.Html]);
        Assert.Equal("<y>", data[MimeTypes.PlainText]);
        Assert.Empty(NotebookAssert.Cell(result.Executed, "b").Outputs);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_like_the_kernel()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("data.txt"), "from the notebook folder");
        var (result, _) = await Run(dir, NotebookCell.Code("a", "System.IO.File.ReadAllText(\"data.txt\")"));
        Assert.Equal("from the notebook folder", NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "a"))[MimeTypes.PlainText]);
    }

    [Fact]
    public void Plain_text_formatting_is_invariant_and_caps_sequences()
    {
        Assert.Equal("0.5", ValueFormatter.PlainText(0.5));
        Assert.Equal("[1, 2, 3]", ValueFormatter.PlainText(new[] { 1, 2, 3 }));
        Assert.Equal("[" + string.Join(", ", Enumerable.Range(0, 20)) + ", … (5 more)]", ValueFormatter.PlainText(Enumerable.Range(0, 25).ToList()));
        Assert.Equal("<null>", ValueFormatter.PlainText(null));
    }

    /// <summary>Records progress on the reporting thread (Progress&lt;T&gt; would post to the thread pool and race the assertion).</summary>
    private sealed class SyncProgress(Action<NotebookRunProgress> report) : IProgress<NotebookRunProgress>
    {
        public void Report(NotebookRunProgress value) => report(value);
    }
}
