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
    public async Task A_nuget_version_other_than_the_pinned_one_fails_naming_the_package()
    {
        var e = await FailingRun("#r \"nuget: Plotly.NET, 5.1.0\"");
        Assert.Equal("notebook refs.ipynb cell 1: InvalidOperationException: #r \"nuget: Plotly.NET, 5.1.0\": package Plotly.NET is pinned at 6.0.0, not 5.1.0", e.Message);
    }

    [Fact]
    public async Task A_package_the_runner_does_not_serve_fails_naming_it()
    {
        var e = await FailingRun("#r \"nuget: Newtonsoft.Json, 13.0.3\"");
        Assert.StartsWith("notebook refs.ipynb cell 1: InvalidOperationException: #r \"nuget: Newtonsoft.Json\": package Newtonsoft.Json is not one of the runner's packages", e.Message);
    }

    [Fact]
    public async Task A_missing_dll_fails_naming_the_path_as_written()
    {
        var e = await FailingRun("#r \"../bin/Nowhere.dll\"");
        Assert.StartsWith("notebook refs.ipynb cell 1: FileNotFoundException: #r \"../bin/Nowhere.dll\": file not found", e.Message);
    }

    [Fact]
    public async Task An_unsupported_magic_fails_naming_it()
    {
        var e = await FailingRun("#!fsharp\nlet x = 1");
        Assert.Equal("notebook refs.ipynb cell 1: InvalidOperationException: line 1: magic command #!fsharp is not supported by the headless runner", e.Message);
    }

    [Fact]
    public async Task Packages_not_loaded_with_r_are_not_visible_to_cells()
    {
        // As in the real kernel: without #r "nuget: MathNet.Numerics, …" the namespace does not exist.
        var e = await FailingRun("var m = MathNet.Numerics.Constants.Pi;");
        Assert.Contains("CS0103", e.Message);
    }

    [Fact]
    public async Task Pinned_packages_load_and_the_library_dll_resolves_to_the_loaded_assembly()
    {
        using var dir = new TempDir();
        var notebook = NotebookDocument.NewCSharp([
            NotebookCell.Code("load", string.Join("\n", PinnedPackages.All.Select(p => $"#r \"nuget: {p.Id}, {p.Version}\""))
                + "\n#r \"" + RepoPaths.Combine("src", "FrequencyLab", "bin", "Release", "net10.0", "FrequencyLab.dll") + "\""),
            NotebookCell.Code("use", "typeof(FrequencyLab.Signals.SignalSpec).Assembly == typeof(FrequencyLab.Notebooks.IHtmlDisplayable).Assembly && MathNet.Numerics.Constants.Pi > 3 && typeof(TorchSharp.torch).Name == \"torch\" && typeof(Apache.Arrow.Field).Name == \"Field\""),
            NotebookCell.Code("same", "typeof(FrequencyLab.Signals.SignalSpec).Assembly.Location"),
        ]);
        NotebookFile.Write(dir.File("all.ipynb"), notebook);
        var result = await new NotebookRunner().RunAsync(dir.File("all.ipynb"), new NotebookRunOptions(dir.File("out")));
        Assert.Equal("True", NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "use"))[MimeTypes.PlainText]);
        Assert.Equal(typeof(FrequencyLab.Signals.SignalSpec).Assembly.Location, NotebookAssert.SingleData(NotebookAssert.Cell(result.Executed, "same"))[MimeTypes.PlainText]);
    }
}
