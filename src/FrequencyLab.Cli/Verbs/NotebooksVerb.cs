using System.CommandLine;
using System.Globalization;
using FrequencyLab.Notebooks;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab notebooks run [FILES...] --out DIR [--param name=value ...] [--cell-timeout SECONDS]</c>: executes notebooks
/// headlessly (default: every notebooks/*.ipynb under the current folder), writing each executed .ipynb and its HTML page into
/// DIR. Every notebook runs; the first failure is reported as the one error line and the exit code is 1.
/// </summary>
internal sealed class NotebooksVerb : IVerb
{
    public Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Notebooks to run (default: notebooks/*.ipynb).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the executed notebooks and their HTML pages.", Required = true };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A parameter injected after the cell tagged parameters, as name=value (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var timeout = new Option<double?>("--cell-timeout") { Description = "Fail a cell that runs longer than this many seconds." };

        var run = new Command("run", "Execute notebooks headlessly; write executed .ipynb and HTML.");
        run.Arguments.Add(files);
        run.Options.Add(output);
        run.Options.Add(parameters);
        run.Options.Add(timeout);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var paths = Resolve(parse.GetValue(files) ?? []);
            var options = new NotebookRunOptions(parse.GetValue(output)!)
            {
                Parameters = (parse.GetValue(parameters) ?? []).Select(NotebookParameter.Parse).ToList(),
                CellTimeout = parse.GetValue(timeout) is { } seconds
                    ? seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new InvalidSpecException($"--cell-timeout {seconds}: must be positive")
                    : null,
            };
            var runner = new NotebookRunner();
            NotebookCellException? firstFailure = null;
            foreach (var path in paths)
            {
                try
                {
                    var result = await runner.RunAsync(path, options, null, cancellationToken);
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"ok      {Path.GetFileName(path)}  {result.CodeCellsExecuted} code cells  {result.Duration.TotalSeconds:0.0} s  -> {result.ExecutedNotebookPath}"));
                }
                catch (NotebookCellException e)
                {
                    stdout.WriteLine($"FAILED  {Path.GetFileName(path)}  {e.CellLabel}: {e.ExceptionName}  -> {e.ExecutedNotebookPath}");
                    firstFailure ??= e;
                }
            }
            if (firstFailure is not null) throw firstFailure;
            return CliRunner.Ok;
        });

        var command = new Command("notebooks", "Run the project's notebooks headlessly on the .NET Interactive kernel, hosted in this process.");
        command.Subcommands.Add(run);
        return command;
    }

    private static List<string> Resolve(string[] files)
    {
        if (files.Length > 0)
        {
            foreach (var f in files)
                if (!File.Exists(f)) throw new DataFileException(f, "notebook not found");
            return [.. files];
        }
        var folder = Path.GetFullPath("notebooks");
        var found = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        return found.Count > 0 ? found : throw new FrequencyLabException($"no notebooks given and none found in {folder}");
    }
}
