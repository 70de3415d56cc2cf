using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class NotebooksVerbTests
{
    [Fact]
    public void Run_writes_executed_notebooks_and_html_and_prints_a_status_per_notebook()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("parameters.ipynb"), "--out", dir.Path, "--param", "label=cli", "-p", "quick=true");
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(r.StdErr);
        Assert.StartsWith("ok      parameters.ipynb  3 code cells", r.StdOut);
        var notebook = NotebookFile.Read(dir.File("parameters.ipynb"));
        Assert.Equal("True|cli|0.5|Double|3", NotebookAssert.SingleData(NotebookAssert.Cell(notebook, "use"))[MimeTypes.PlainText]);
        Assert.True(File.Exists(dir.File("parameters.html")));
    }

    [Fact]
    public void A_failing_notebook_exits_1_with_one_error_line_naming_notebook_cell_and_exception()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("broken.ipynb"), NotebookAssert.Fixture("parameters.ipynb"), "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("freqlab: error: notebook broken.ipynb cell 3: InvalidOperationException: boom at step 7", Assert.Single(r.ErrorLines));
        Assert.Contains("FAILED  broken.ipynb  cell 3: InvalidOperationException", r.StdOut);
        // The other notebook still ran.
        Assert.Contains("ok      parameters.ipynb", r.StdOut);
        Assert.True(File.Exists(dir.File("broken.ipynb")));
    }

    [Fact]
    public void Bad_parameter_and_missing_notebook_are_one_line_errors()
    {
        using var dir = new TempDir();
        var bad = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("parameters.ipynb"), "--out", dir.Path, "--param", "nonsense");
        Assert.Equal(2, bad.ExitCode); // a bad flag value: the parser refuses it
        Assert.Equal("freqlab: error: --param: parameter 'nonsense': expected name=value", Assert.Single(bad.ErrorLines));

        var missing = Freqlab.Run("notebooks", "run", dir.File("none.ipynb"), "--out", dir.Path);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"freqlab: error: {dir.File("none.ipynb")}: notebook not found", Assert.Single(missing.ErrorLines));

        var noOut = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("parameters.ipynb"));
        Assert.Equal(2, noOut.ExitCode);
    }

    [Fact]
    public void An_out_that_is_a_file_is_refused_before_any_cell_runs_and_the_file_survives()
    {
        using var dir = new TempDir();
        var file = dir.File("taken");
        File.WriteAllText(file, "keep me");
        var r = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("parameters.ipynb"), "--out", file);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"freqlab: error: notebook parameters.ipynb: output folder {file} is a file", Assert.Single(r.ErrorLines));
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Writing_over_the_source_notebook_is_refused()
    {
        var r = Freqlab.Run("notebooks", "run", NotebookAssert.Fixture("parameters.ipynb"), "--out", Path.GetDirectoryName(NotebookAssert.Fixture("parameters.ipynb"))!);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the output folder is the notebook's own folder", Assert.Single(r.ErrorLines));
    }
}
