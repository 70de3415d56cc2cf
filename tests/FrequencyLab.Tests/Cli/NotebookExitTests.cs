using System.Diagnostics;
using System.Text.Json.Nodes;
using FrequencyLab.Cli;
using FrequencyLab.Tests.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Cli;

/// <summary>
/// A notebook cell runs in freqlab's own process, so <c>Environment.Exit(0)</c> in a cell ends freqlab there and then. It
/// must not look like success: the process exits 1 with one error line naming the notebook. Run as a real child process
/// (in this test host the exit would end the test run).
/// </summary>
public class NotebookExitTests
{
    [Fact]
    public async Task A_cell_calling_Environment_Exit_0_ends_the_run_with_exit_1_and_one_line()
    {
        using var dir = new TempDir();
        var notebook = JsonNode.Parse(File.ReadAllText(NotebookAssert.Fixture("parameters.ipynb")))!;
        var cells = notebook["cells"]!.AsArray();
        var code = cells.First(c => (string?)c!["cell_type"] == "code")!.DeepClone();
        code["id"] = "bye";
        code["source"] = new JsonArray("System.Environment.Exit(0);");
        notebook["cells"] = new JsonArray(cells[0]!.DeepClone(), code);
        var path = dir.File("exits.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());

        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.Path,
        };
        foreach (var a in new[] { typeof(CliRunner).Assembly.Location, "notebooks", "run", path, "--out", dir.File("out") }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderrTask = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await stderrTask;
        await p.WaitForExitAsync();

        Assert.Equal(1, p.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("freqlab: error: a cell of exits.ipynb ended the process (Environment.Exit or a signal) before the run finished; nothing more was written", line);
        Assert.DoesNotContain("ok ", stdout);
        Assert.False(File.Exists(Path.Combine(dir.File("out"), "exits.ipynb")));
    }
}
