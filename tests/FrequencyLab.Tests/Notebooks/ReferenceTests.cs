using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class ReferenceTests
{
    private static async Task<NotebookCellException> FailingRun(string firstCell)
    {
        using var dir = new TempDir();
        var path = dir.File("refs.ipynb");
        NotebookFile.Write(path, NotebookDocument.NewCSharp([NotebookCell.Code("load", firstCell), NotebookCell.Code("after", "1")]));
        return await Assert.ThrowsAsync<NotebookCellException>(() => new NotebookRunner().RunAsync(path, new NotebookRunOptions(dir.File("out"))));
    }

    [Fact]
    public async Task A_missing_dll_fails_naming_the_path_as_written()
    {
        var e = await FailingRun("#r \"../bin/Nowhere.dll\"");
        Assert.Equal("notebook refs.ipynb cell 1: CodeSubmissionCompilationErrorException: (1,1): error CS0006: Metadata file '../bin/Nowhere.dll' could not be found", e.Message);
    }

    [Fact]
    public async Task An_unsupported_magic_fails_naming_it()
    {
        var e = await FailingRun("#!fsharp\nlet x = 1");
        // The hosted kernel has C# only, as dotnet-repl's C# notebooks use it.
        Assert.Equal("notebook refs.ipynb cell 1: KernelError: (1,1): error DNI101: Unknown magic command '#!fsharp'", e.Message);
    }

    [Fact]
    public async Task Packages_not_loaded_with_r_are_not_visible_to_cells()
    {
        // As in the real kernel: without #r "nuget: MathNet.Numerics, …" the namespace does not exist.
        var e = await FailingRun("var m = MathNet.Numerics.Constants.Pi;");
        Assert.Contains("CS0103", e.Message);
    }

    [Fact]
    public async Task The_packages_notebook_01_loads_restore_and_the_library_dll_is_the_built_one()
    {
        using var dir = new TempDir();
        var first = NotebookFile.Read(RepoPaths.Combine("notebooks", "01-data-validation.ipynb")).Cells.First(c => c.Type == CellType.Code);
        var library = RepoPaths.Combine("src", "FrequencyLab", "bin", "Release", "net10.0", "FrequencyLab.dll");
        var load = string.Join("\n", first.Source.Split('\n').Where(l => l.StartsWith("#r \"nuget:", StringComparison.Ordinal))) + $"\n#r \"{library}\"";
        var notebook = NotebookDocument.NewCSharp([
            NotebookCell.Code("load", load),
            NotebookCell.Code("use", "typeof(FrequencyLab.Signals.SignalSpec).Assembly == typeof(FrequencyLab.Charts.IHtmlDisplayable).Assembly && MathNet.Numerics.Constants.Pi > 3 && typeof(Microsoft.Data.Analysis.DataFrame).Name == \"DataFrame\""),
            NotebookCell.Code("version", "typeof(FrequencyLab.Signals.SignalSpec).Assembly.GetName().Version.ToString()"),
        ]);
        NotebookFile.Write(dir.File("all.ipynb"), notebook);
        var result = await new NotebookRunner().RunAsync(dir.File("all.ipynb"), new NotebookRunOptions(dir.File("out")));
        Assert.Contains("<pre>True</pre>", NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "use"))[MimeTypes.Html]);
        Assert.Equal(typeof(FrequencyLab.Signals.SignalSpec).Assembly.GetName().Version!.ToString(),
            NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "version"))[MimeTypes.PlainText]);
    }
}
