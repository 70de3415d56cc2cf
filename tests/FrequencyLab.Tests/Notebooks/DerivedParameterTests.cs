using FrequencyLab.Notebooks;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>
/// papermill injects its values in a cell after the parameters cell, so a default that the parameters cell computes from a
/// parameter (<c>int epochs = quick ? 3 : 50;</c>) silently keeps its full-mode value. Notebook 03 once ran its full plan
/// under quick=true for this reason; the runner now refuses such a notebook before any cell runs.
/// </summary>
public class DerivedParameterTests
{
    private const string Cell = "var quick = false; // comment mentioning epochs\nint epochs = quick ? 3 : 50;\nulong[] seeds = [0, 1];\nint? rows = quick ? 2000 : null;";

    [Fact]
    public void Declarations_computed_from_a_parameter_are_found()
    {
        Assert.Equal(new[] { ("epochs", "quick"), ("rows", "quick") }, ParameterInjector.DerivedFrom(Cell, ["quick"]).ToArray());
        Assert.Empty(ParameterInjector.DerivedFrom(Cell, ["seeds"]));
        Assert.Empty(ParameterInjector.DerivedFrom("var quick = false;\nvar label = \"quick\";", ["quick"]));
    }

    [Fact]
    public void Injecting_a_parameter_that_another_default_is_computed_from_is_refused_with_one_line()
    {
        var notebook = NotebookDocument.NewCSharp([NotebookCell.Code("p", Cell, ParameterInjector.ParametersTag), NotebookCell.Code("c", "epochs")]);

        var e = Assert.Throws<InvalidSpecException>(() => ParameterInjector.Inject(notebook, [NotebookParameter.Create("quick", true)], "nb.ipynb"));

        Assert.Equal("notebook nb.ipynb: the cell tagged parameters computes epochs from quick, rows from quick, which an injected value cannot reach (papermill injects after that cell): move it to a later cell", e.Message);
        Assert.Equal(2, notebook.Cells.Count);
    }

    [Fact]
    public void Injecting_a_parameter_nothing_is_computed_from_is_accepted()
    {
        var notebook = NotebookDocument.NewCSharp([NotebookCell.Code("p", Cell, ParameterInjector.ParametersTag)]);
        var cell = ParameterInjector.Inject(notebook, [NotebookParameter.Create("epochs", 5L)], "nb.ipynb");
        Assert.Contains("var epochs = 5;", cell.Source);
    }
}
