using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>
/// Every notebook in notebooks/ runs in quick mode (<c>quick=true</c> injected, papermill-style; a notebook showing the claims
/// ledger's runs on a tiny ledger's runs folder, <see cref="QuickNotebookParameters"/>) in the default test run, and
/// every executed notebook validates against the nbformat schema. While the folder is empty the theory runs the basics fixture
/// instead, so it always executes a real notebook.
/// </summary>
public class NotebooksFolderTests
{
    public const string QuickParameter = "quick";

    public static string Folder => RepoPaths.Combine("notebooks");

    public static IEnumerable<string> Discovered() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal) : [];

    public static TheoryData<string> NotebooksToRun()
    {
        var data = new TheoryData<string>();
        foreach (var path in Discovered()) data.Add(Path.GetFileName(path));
        if (data.Count == 0) data.Add("(fixture) basics.ipynb");
        return data;
    }

    [Theory]
    [MemberData(nameof(NotebooksToRun))]
    public async Task Every_notebook_in_notebooks_folder_runs_in_quick_mode(string notebook)
    {
        using var dir = new TempDir();
        bool fixture = notebook.StartsWith("(fixture) ", StringComparison.Ordinal);
        var path = fixture ? NotebookAssert.Fixture(notebook["(fixture) ".Length..]) : Path.Combine(Folder, notebook);
        var options = new NotebookRunOptions(dir.Path) { Parameters = fixture ? [] : QuickNotebookParameters.For(path, dir.Path) };

        var result = await new NotebookRunner().RunAsync(path, options);

        Assert.True(result.CodeCellsExecuted > 0);
        Assert.All(result.Executed.Cells.Where(c => c.Type == CellType.Code), c => Assert.DoesNotContain(c.Outputs, o => o is ErrorOutput));
        NotebookAssert.ValidAgainstSchema(result.ExecutedNotebookPath);
        NotebookAssert.ValidAgainstSchema(path);
        Assert.True(new FileInfo(result.HtmlPath!).Length > 0);
    }

    [Fact]
    public void Every_notebook_in_the_folder_is_run_by_the_theory_and_follows_the_notebook_conventions()
    {
        var discovered = Discovered().ToList();
        var run = ((IEnumerable<object[]>)NotebooksToRun()).Select(row => (string)row[0]).ToList();
        if (discovered.Count == 0)
        {
            Assert.Equal(["(fixture) basics.ipynb"], run);
            return;
        }
        Assert.Equal(discovered.Select(p => Path.GetFileName(p)), run);
        foreach (var path in discovered)
        {
            var notebook = NotebookFile.Read(path);
            var name = Path.GetFileName(path);
            Assert.True((string?)notebook.Metadata["kernelspec"]?["name"] == PolyglotMetadata.KernelspecName, $"{name}: kernelspec is not .net-csharp");
            var parameters = notebook.Cells.FirstOrDefault(c => c.HasTag(ParameterInjector.ParametersTag));
            Assert.True(parameters is not null, $"{name}: no cell tagged parameters");
            Assert.True(ParameterInjector.DeclaredKinds(parameters!.Source).TryGetValue(QuickParameter, out var kind) && kind == "bool",
                $"{name}: the parameters cell does not declare bool {QuickParameter}");
            var first = notebook.Cells.First(c => c.Type == CellType.Code);
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(first.Source, @"^#r ""[^""]*FrequencyLab\.dll""", System.Text.RegularExpressions.RegexOptions.Multiline),
                $"{name}: the first code cell does not #r FrequencyLab.dll");
            Assert.All(notebook.Cells.Where(c => c.Type == CellType.Code), c =>
                Assert.True(PolyglotMetadata.CellKernel(notebook, c) == PolyglotMetadata.KernelName && c.Metadata["dotnet_interactive"] is not null,
                    $"{name} cell {c.Id}: missing polyglot/dotnet_interactive csharp metadata"));
        }
    }
}
