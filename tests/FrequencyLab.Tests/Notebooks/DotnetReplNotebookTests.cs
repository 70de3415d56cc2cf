using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>
/// "Works in VS Code", checked by a separate client of the same kernel: every notebook in notebooks/ runs once through
/// dotnet-repl 0.3.259 in quick mode, exits 0 and leaves no error output.
/// </summary>
/// <remarks>
/// dotnet-repl has no papermill parameters, so the test writes a copy of the notebook with the injected-parameters cell
/// (<c>quick = true</c>, and a tiny ledger's runs folder where the notebook shows the ledger's runs: <see cref="QuickNotebookParameters"/>) that <see cref="ParameterInjector"/> puts after the parameters cell — the very cell
/// <c>freqlab notebooks run -p quick=true</c> runs — and gives dotnet-repl the copy, with notebooks/ as the kernel's
/// current directory so the notebook's relative <c>#r "../src/…"</c> resolves as it does in VS Code. The output is read with
/// the kernel's own .ipynb reader (Microsoft.DotNet.Interactive.Documents), not ours.
/// </remarks>
public class DotnetReplNotebookTests
{
    [Theory]
    [MemberData(nameof(NotebooksFolderTests.NotebooksToRun), MemberType = typeof(NotebooksFolderTests))]
    public void Every_notebook_runs_clean_in_dotnet_repl_in_quick_mode(string notebook)
    {
        using var dir = new TempDir();
        bool fixture = notebook.StartsWith("(fixture) ", StringComparison.Ordinal);
        var source = fixture ? NotebookAssert.Fixture(notebook["(fixture) ".Length..]) : Path.Combine(NotebooksFolderTests.Folder, notebook);
        var document = NotebookFile.Read(source);
        if (!fixture) ParameterInjector.Inject(document, QuickNotebookParameters.For(source, dir.Path), notebook);
        var copy = dir.File(Path.GetFileName(source));
        NotebookFile.Write(copy, document);
        var output = dir.File("executed.ipynb");

        var result = DotnetRepl.RunNotebook(copy, output, Path.GetDirectoryName(source)!, TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, $"dotnet-repl exited {result.ExitCode} on {notebook}: {Tail(result.StdErr + result.StdOut)}");
        var executed = Notebook.Parse(File.ReadAllText(output), new KernelInfoCollection());
        var code = executed.Elements.Where(e => e.KernelName is "csharp" or "C#").ToList();
        Assert.NotEmpty(code);
        var errors = code.SelectMany(e => e.Outputs.OfType<ErrorElement>().Select(x => $"{x.ErrorName}: {x.ErrorValue}")).ToList();
        Assert.True(errors.Count == 0, $"{notebook} under dotnet-repl: {string.Join(" | ", errors)}");
        if (!fixture)
            Assert.Contains(code, e => e.Contents.Contains($"var {NotebooksFolderTests.QuickParameter} = true;", StringComparison.Ordinal));
        // Something was shown: the run did more than compile.
        Assert.Contains(code, e => e.Outputs.Count > 0);
        if (!fixture)
        {
            // With no registration call, the kernel found the library's formatters: charts are text/html fragments, the first
            // carrying plotly.js inline (no CDN), as the headless runner writes them.
            var html = code.SelectMany(e => e.Outputs)
                .Select(o => o switch { DisplayElement d => d.Data, ReturnValueElement r => r.Data, _ => null })
                .Select(data => data is not null && data.TryGetValue(MimeTypes.Html, out var h) ? Text(h) : "").Where(h => h.Length > 0).ToList();
            var charts = html.Where(h => h.Contains("Plotly.newPlot", StringComparison.Ordinal)).ToList();
            Assert.True(charts.Count > 0, $"{notebook} under dotnet-repl showed no chart as text/html");
            Assert.StartsWith(FrequencyLab.Charts.PlotlyJs.InlineScript(), charts[0]);
            Assert.All(charts, c => Assert.DoesNotContain("<script src=", c));
        }
    }

    /// <summary>A data value as the kernel's reader leaves it: a string, or nbformat's list of lines.</summary>
    private static string Text(object? value) => value switch
    {
        string s => s,
        IEnumerable<object> lines => string.Concat(lines.Select(Text)),
        _ => value?.ToString() ?? "",
    };

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
