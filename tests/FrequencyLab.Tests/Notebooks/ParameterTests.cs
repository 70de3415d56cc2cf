using System.Text.Json.Nodes;
using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class ParameterTests
{
    private static async Task<(NotebookRunResult Result, NotebookDocument Reread)> Run(TempDir dir, params string[] assignments)
    {
        var options = new NotebookRunOptions(dir.Path) { Parameters = assignments.Select(NotebookParameter.Parse).ToList() };
        var result = await new NotebookRunner().RunAsync(NotebookAssert.Fixture("parameters.ipynb"), options);
        return (result, NotebookFile.Read(result.ExecutedNotebookPath));
    }

    private static string Value(NotebookDocument notebook) =>
        NotebookAssert.SingleData(NotebookAssert.Cell(notebook, "use"))[MimeTypes.PlainText];

    [Fact]
    public async Task Without_parameters_the_defaults_run_and_nothing_is_injected()
    {
        using var dir = new TempDir();
        var (_, notebook) = await Run(dir);
        Assert.Equal("False|default|0.5|Double|3", Value(notebook));
        Assert.DoesNotContain(notebook.Cells, c => c.HasTag(ParameterInjector.InjectedTag));
        Assert.Empty(Assert.IsType<JsonObject>(notebook.Metadata["papermill"]!["parameters"]));
    }

    [Fact]
    public async Task Injected_cell_follows_the_parameters_cell_in_papermill_form_and_overrides_the_defaults()
    {
        using var dir = new TempDir();
        var (_, notebook) = await Run(dir, "quick=True", "label=two words \"quoted\"", "rate=2", "steps=10");

        int parametersAt = notebook.Cells.FindIndex(c => c.HasTag(ParameterInjector.ParametersTag));
        var injected = notebook.Cells[parametersAt + 1];
        Assert.Equal([ParameterInjector.InjectedTag], injected.Tags);
        Assert.Equal("// Parameters\nvar quick = true;\nvar label = \"two words \\\"quoted\\\"\";\nvar rate = 2.0;\nvar steps = 10;\n", injected.Source);
        Assert.Equal("csharp", (string?)injected.Metadata["polyglot_notebook"]!["kernelName"]);

        Assert.Equal("True|two words \"quoted\"|2|Double|10", Value(notebook));

        var recorded = Assert.IsType<JsonObject>(notebook.Metadata["papermill"]!["parameters"]);
        Assert.True((bool)recorded["quick"]!);
        Assert.Equal(2.0, (double)recorded["rate"]!);
        Assert.Equal("two words \"quoted\"", (string?)recorded["label"]);
        NotebookAssert.ValidAgainstSchema(dir.File("parameters.ipynb"));
    }

    [Fact]
    public async Task A_parameter_given_twice_takes_its_last_value_as_papermill_does()
    {
        using var dir = new TempDir();
        var (_, notebook) = await Run(dir, "steps=1", "quick=true", "steps=10");

        var injected = Assert.Single(notebook.Cells, c => c.HasTag(ParameterInjector.InjectedTag));
        Assert.Equal("// Parameters\nvar steps = 10;\nvar quick = true;\n", injected.Source);
        Assert.Equal("True|default|0.5|Double|10", Value(notebook));
        Assert.Equal(10, (long)notebook.Metadata["papermill"]!["parameters"]!["steps"]!);
    }

    [Fact]
    public async Task A_parameter_the_notebook_does_not_declare_is_refused()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<InvalidSpecException>(() => Run(dir, "quik=true"));
        Assert.Equal("notebook parameters.ipynb: parameter quik is not declared in the cell tagged parameters (declared: label, quick, rate, steps)", e.Message);
        Assert.False(File.Exists(dir.File("parameters.ipynb")));
    }

    [Fact]
    public async Task A_refused_parameter_leaves_an_earlier_executed_notebook_and_its_html_untouched()
    {
        using var dir = new TempDir();
        await Run(dir, "label=first");
        var notebook = File.ReadAllBytes(dir.File("parameters.ipynb"));
        var html = File.ReadAllBytes(dir.File("parameters.html"));

        await Assert.ThrowsAsync<InvalidSpecException>(() => Run(dir, "steps=many"));

        Assert.Equal(notebook, File.ReadAllBytes(dir.File("parameters.ipynb")));
        Assert.Equal(html, File.ReadAllBytes(dir.File("parameters.html")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_value_that_cannot_take_the_default_type_is_refused()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<InvalidSpecException>(() => Run(dir, "steps=2.5"));
        Assert.Equal("notebook parameters.ipynb: parameter steps=2.5 cannot be int, the type of its default", e.Message);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("12", 12L)]
    [InlineData("-3", -3L)]
    [InlineData("1e-3", 0.001)]
    [InlineData("0.25", 0.25)]
    [InlineData("hello world", "hello world")]
    [InlineData("TRUE", "TRUE")]
    public void Values_are_typed_as_papermill_types_them(string text, object expected) =>
        Assert.Equal(expected, NotebookParameter.ResolveType(text));

    [Theory]
    [InlineData("x=1", "var x = 1;")]
    [InlineData("x=3000000000", "var x = 3000000000L;")]
    [InlineData("x=1.5", "var x = 1.5;")]
    [InlineData("x=1e300", "var x = 1E+300;")]
    [InlineData("x=nan", "var x = double.NaN;")]
    [InlineData("x=a\\b\nc", "var x = \"a\\\\b\\nc\";")]
    public void Injected_source_is_the_papermill_csharp_translation(string assignment, string line) =>
        Assert.Equal("// Parameters\n" + line + "\n", NotebookParameter.InjectedCellSource([NotebookParameter.Parse(assignment)]));

    [Theory]
    [InlineData("=1")]
    [InlineData("no-equals")]
    [InlineData("class=1")]
    [InlineData("x=None")]
    public void Bad_assignments_are_one_line_errors(string assignment)
    {
        var e = Assert.Throws<InvalidSpecException>(() => NotebookParameter.Parse(assignment));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Without_a_parameters_cell_the_injected_cell_goes_first_and_an_earlier_injected_cell_is_replaced()
    {
        var notebook = NotebookDocument.NewCSharp([NotebookCell.Code("a", "var y = 1;")]);
        ParameterInjector.Inject(notebook, [NotebookParameter.Parse("x=1")], "n.ipynb");
        Assert.Equal(ParameterInjector.InjectedCellId, notebook.Cells[0].Id);
        ParameterInjector.Inject(notebook, [NotebookParameter.Parse("x=2")], "n.ipynb");
        Assert.Equal(2, notebook.Cells.Count);
        Assert.Contains("var x = 2;", notebook.Cells[0].Source);
    }
}
