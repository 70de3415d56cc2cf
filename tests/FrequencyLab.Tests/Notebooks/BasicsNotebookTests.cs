using System.Text.Json.Nodes;
using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>Runs Fixtures/basics.ipynb once and checks what each cell left behind, in memory and on disk.</summary>
public sealed class BasicsNotebookRun : IDisposable
{
    public BasicsNotebookRun()
    {
        Result = new NotebookRunner().RunAsync(NotebookAssert.Fixture("basics.ipynb"), new NotebookRunOptions(Dir.Path)).GetAwaiter().GetResult();
        Reread = NotebookFile.Read(Result.ExecutedNotebookPath);
    }

    public TempDir Dir { get; } = new();

    public NotebookRunResult Result { get; }

    /// <summary>The executed notebook as read back from the written file.</summary>
    public NotebookDocument Reread { get; }

    public void Dispose() => Dir.Dispose();
}

public class BasicsNotebookTests(BasicsNotebookRun run) : IClassFixture<BasicsNotebookRun>
{
    private NotebookCell Cell(string id) => NotebookAssert.Cell(run.Reread, id);

    [Fact]
    public void State_carries_between_cells_and_the_last_expression_is_an_execute_result()
    {
        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(Cell("value").Outputs));
        // The kernel shows a return value as text/html only, a <pre> in its dni-plaintext block, as VS Code saves it.
        Assert.Contains("<pre>42</pre>", output.Data[MimeTypes.Html]);
        Assert.Equal(Cell("value").ExecutionCount, output.ExecutionCount);
    }

    [Fact]
    public void Console_output_becomes_one_stream_output_and_a_void_expression_shows_nothing()
    {
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cell("console").Outputs));
        Assert.Equal(StreamOutput.StdOut, stream.Name);
        Assert.Equal("x is 21\nno newline", stream.Text);
    }

    [Fact]
    public void Updates_rewrite_one_output_in_place_after_the_first_display()
    {
        // Kernel 1.0.0-beta.26120.1 publishes a display's updates under an id of their own (see KernelOutputs): the first
        // value stays, and the three updates rewrite one output instead of adding three.
        var outputs = Cell("progress").Outputs.Cast<DisplayDataOutput>().Select(o => o.Data[MimeTypes.PlainText]).ToList();
        Assert.Equal(["step 0", "step 3"], outputs);
    }

    [Fact]
    public void The_kernels_Display_extension_is_in_scope_without_a_using()
    {
        Assert.Equal("shown with Display()", NotebookAssert.SingleData(Cell("extension"))[MimeTypes.PlainText]);
        Assert.DoesNotContain("using", Cell("extension").Source);
    }

    [Fact]
    public void A_null_value_shows_as_null()
    {
        Assert.Contains("&lt;null&gt;", NotebookAssert.SingleData(Cell("nullvalue"))[MimeTypes.Html]);
    }

    [Fact]
    public void A_DataFrame_is_an_html_table_with_head_tail_and_a_row_marker()
    {
        var html = NotebookAssert.SingleData(Cell("frame"))[MimeTypes.Html];
        Assert.StartsWith("<table class=\"dataframe\">", html);
        Assert.Contains("<th>n</th><th>label</th>", html);
        Assert.Contains("<td>row &lt;0&gt;</td>", html);
        Assert.Contains("<td>row &lt;49&gt;</td>", html);
        Assert.DoesNotContain("row &lt;25&gt;", html);
        Assert.Contains("… 10 more rows …", html);
        Assert.Contains("50 rows × 2 columns", html);
    }

    [Fact]
    public void A_type_of_the_notebook_that_names_the_library_formatter_source_renders_as_its_html()
    {
        var data = NotebookAssert.SingleData(Cell("html"));
        Assert.Equal("<b class=\"badge\">library type</b>", data[MimeTypes.Html]);
    }

    [Fact]
    public void A_chart_is_html_that_carries_plotly_js_inline_the_first_time()
    {
        // The notebook's first chart, with no registration call: plotly.js inline, then the fragment that draws with it.
        var html = NotebookAssert.SingleData(Cell("chart"))[MimeTypes.Html];
        Assert.StartsWith(FrequencyLab.Charts.PlotlyJs.InlineScript(), html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.DoesNotContain("<script src=", html);
    }

    [Fact]
    public void Empty_cells_are_not_executed()
    {
        Assert.Null(Cell("empty").ExecutionCount);
        Assert.Empty(Cell("empty").Outputs);
    }

    [Fact]
    public void Execution_counts_run_1_to_n_over_non_empty_code_cells_and_markdown_passes_through()
    {
        var counts = run.Reread.Cells.Where(c => c.Type == CellType.Code && c.Source.Length > 0).Select(c => c.ExecutionCount).ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count).Select(i => (int?)i), counts);
        Assert.Equal(NotebookFile.Read(NotebookAssert.Fixture("basics.ipynb")).Cells[1].Source, Cell("intro").Source);
        Assert.Equal(counts.Count, run.Result.CodeCellsExecuted);
    }

    [Fact]
    public void Every_cell_carries_papermill_timing_metadata_and_the_notebook_its_paths()
    {
        foreach (var cell in run.Reread.Cells)
        {
            var papermill = Assert.IsType<JsonObject>(cell.Metadata["papermill"]);
            Assert.Equal("completed", (string?)papermill["status"]);
            Assert.False((bool)papermill["exception"]!);
            Assert.True((double)papermill["duration"]! >= 0);
            Assert.True(DateTimeOffset.Parse((string)papermill["end_time"]!) >= DateTimeOffset.Parse((string)papermill["start_time"]!));
        }
        var meta = Assert.IsType<JsonObject>(run.Reread.Metadata["papermill"]);
        Assert.Equal(NotebookAssert.Fixture("basics.ipynb"), (string?)meta["input_path"]);
        Assert.Equal(run.Result.ExecutedNotebookPath, (string?)meta["output_path"]);
        Assert.False((bool)meta["exception"]!);
    }

    [Fact]
    public void The_executed_notebook_keeps_the_polyglot_metadata_and_validates_against_the_nbformat_schema()
    {
        Assert.Equal(".net-csharp", (string?)run.Reread.Metadata["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)run.Reread.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.Equal("csharp", (string?)Cell("value").Metadata["polyglot_notebook"]!["kernelName"]);
        NotebookAssert.ValidAgainstSchema(run.Result.ExecutedNotebookPath);
    }

    [Fact]
    public void The_html_page_renders_markdown_code_outputs_and_inlines_plotly_once()
    {
        var html = File.ReadAllText(run.Result.HtmlPath!);
        Assert.Contains("<h1 id=\"runner-basics\">Runner basics</h1>", html);
        Assert.Contains("<em>display</em>", html);
        Assert.Contains("var x = 21;", html);
        Assert.Contains("<table class=\"dataframe\">", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Equal(1, CountOf(html, FrequencyLab.Charts.PlotlyJs.Source[..200]));
        // plotly.js mentions its CDN in a config default; what matters is that no element loads anything from the network.
        Assert.DoesNotMatch("src=\"https?:", html);
        Assert.DoesNotContain("<script src=", html);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
