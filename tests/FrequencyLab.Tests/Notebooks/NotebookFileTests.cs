using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class NotebookFileTests
{
    [Theory]
    [InlineData("basics.ipynb")]
    [InlineData("parameters.ipynb")]
    [InlineData("broken.ipynb")]
    public void A_notebook_written_as_nbformat_writes_it_round_trips_byte_for_byte(string fixture)
    {
        var text = File.ReadAllText(NotebookAssert.Fixture(fixture));
        Assert.Equal(text, NotebookFile.Serialize(NotebookFile.Parse(text)));
    }

    [Fact]
    public void A_new_csharp_notebook_carries_the_polyglot_metadata_and_validates()
    {
        using var dir = new TempDir();
        var notebook = NotebookDocument.NewCSharp([NotebookCell.Markdown("m", "# T\n"), NotebookCell.Code("c", "1 + 1", "parameters")]);
        notebook.Cells[1].Outputs.Add(new StreamOutput(StreamOutput.StdOut, "a\nb\n"));
        notebook.Cells[1].Outputs.Add(new DisplayDataOutput(new Dictionary<string, string> { ["text/html"] = "<b>x</b>\n<i>y</i>" }));
        notebook.Cells[1].Outputs.Add(new ExecuteResultOutput(1, new Dictionary<string, string> { ["text/plain"] = "2" }));
        notebook.Cells[1].Outputs.Add(new ErrorOutput("E", "v", ["E: v", "  at x"]));
        notebook.Cells[1].ExecutionCount = 1;
        NotebookFile.Write(dir.File("n.ipynb"), notebook);
        NotebookAssert.ValidAgainstSchema(dir.File("n.ipynb"));

        var text = File.ReadAllText(dir.File("n.ipynb"));
        Assert.Contains("\"kernelspec\": {\n   \"display_name\": \".NET (C#)\",\n   \"language\": \"C#\",\n   \"name\": \".net-csharp\"\n  }", text);
        Assert.Contains("\"dotnet_interactive\": {\n     \"language\": \"csharp\"\n    }", text);
        var reread = NotebookFile.Read(dir.File("n.ipynb"));
        Assert.Equal(notebook.Cells[1].Outputs, reread.Cells[1].Outputs, (a, b) => NotebookFile.Serialize(Wrap(a)) == NotebookFile.Serialize(Wrap(b)));
        Assert.Equal(["parameters"], reread.Cells[1].Tags);
    }

    [Fact]
    public void Older_notebooks_without_cell_ids_get_deterministic_ids()
    {
        var doc = NotebookFile.Parse("""{"cells":[{"cell_type":"markdown","metadata":{},"source":"x"}],"metadata":{},"nbformat":4,"nbformat_minor":2}""");
        Assert.Equal("cell-1", doc.Cells[0].Id);
        Assert.Equal(5, doc.NbFormatMinor);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_one_line_naming_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.ipynb"), "{\"cells\": 3}");
        File.WriteAllText(dir.File("bad-meta.ipynb"), "{\"nbformat\": 4, \"metadata\": [], \"cells\": []}");
        Assert.Throws<DataFileException>(() => NotebookFile.Read(dir.File("bad-meta.ipynb")));
        var e = Assert.Throws<DataFileException>(() => NotebookFile.Read(dir.File("bad.ipynb")));
        Assert.StartsWith(dir.File("bad.ipynb") + ": not a valid nbformat 4 notebook", e.Message);
        Assert.Throws<DataFileException>(() => NotebookFile.Read(dir.File("missing.ipynb")));
    }

    private static NotebookDocument Wrap(CellOutput output)
    {
        var cell = NotebookCell.Code("c", "");
        cell.Outputs.Add(output);
        return NotebookDocument.NewCSharp([cell]);
    }
}
