using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>Shared checks and paths for the notebook tests.</summary>
internal static class NotebookAssert
{
    public static string Fixture(string name) => RepoPaths.Combine("tests", "FrequencyLab.Tests", "Notebooks", "Fixtures", name);

    /// <summary>Validates the file against the official nbformat schema with Debian's python3-nbformat.</summary>
    public static void ValidAgainstSchema(string path)
    {
        var output = Python.Run(RepoPaths.Combine("tests", "FrequencyLab.Tests", "Notebooks", "validate_notebook.py"), path);
        Assert.Contains("valid", output);
    }

    public static NotebookCell Cell(NotebookDocument notebook, string id) => Assert.Single(notebook.Cells, c => c.Id == id);

    public static IReadOnlyDictionary<string, string> SingleData(NotebookCell cell) => Assert.Single(cell.Outputs) switch
    {
        DisplayDataOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        var other => throw new Xunit.Sdk.XunitException($"cell {cell.Id}: expected a data output, got {other}"),
    };
}
