using FrequencyLab.IO;
using System.CommandLine;
using System.Globalization;
using FrequencyLab.Cli.Options;
using FrequencyLab.Notebooks;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab notebooks run [FILES...] --out DIR [--param name=value ...] [--cell-timeout SECONDS]</c>: executes notebooks
/// headlessly (default: every notebooks/*.ipynb under the current folder), writing each executed .ipynb and its HTML page into
/// DIR. Every notebook runs; the first failure is reported as the one error line and the exit code is 1.
/// </summary>
internal sealed class NotebooksVerb : IVerb
{
    private readonly Argument<string[]> _files = new("files") { Description = "Notebooks to run (default: notebooks/*.ipynb).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _output = SharedOptions.Out("Folder for the executed notebooks and their HTML pages.");
    private readonly Option<NotebookParameter[]> _parameters = new("--param", "-p")
    {
        Description = "A parameter injected after the cell tagged parameters, as name=value (repeatable).",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = ParseParameters,
    };
    private readonly Option<double?> _timeout = new Option<double?>("--cell-timeout") { Description = "Fail a cell that runs longer than this many seconds.", HelpName = "S" }.Positive();

    public Command Build()
    {
        var run = new Command("run", "Execute notebooks headlessly; write executed .ipynb and HTML.");
        run.Arguments.Add(_files);
        run.Options.Add(_output);
        run.Options.Add(_parameters);
        run.Options.Add(_timeout);
        run.Requires(_output, "--out DIR is required");
        run.SetAction(ExecuteAsync);

        var command = new Command("notebooks", "Run the project's notebooks headlessly on the .NET Interactive kernel, hosted in this process.");
        command.Subcommands.Add(run);
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var paths = Resolve(parse.GetValue(_files) ?? []);
        var options = new NotebookRunOptions(parse.GetValue(_output)!)
        {
            Parameters = [.. parse.GetValue(_parameters) ?? []],
            CellTimeout = parse.GetValue(_timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
        var runner = new NotebookRunner();
        NotebookCellException? firstFailure = null;
        string current = "";
        using var guard = new ProcessExitGuard(parse.InvocationConfiguration.Error, () => $"a cell of {current}");
        foreach (var path in paths)
        {
            current = Path.GetFileName(path);
            try
            {
                var result = await runner.RunAsync(path, options, null, cancellationToken);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ok      {Path.GetFileName(path)}  {result.CodeCellsExecuted} code cells  {result.Duration.TotalSeconds:0.0} s  -> {result.ExecutedNotebookPath}"));
            }
            catch (NotebookCellException e)
            {
                stdout.WriteLine(PrintableText.Whole($"FAILED  {Path.GetFileName(path)}  {e.CellLabel}: {e.ExceptionName}  -> {e.ExecutedNotebookPath}"));
                firstFailure ??= e;
            }
        }
        if (firstFailure is not null) throw firstFailure;
        return CliRunner.Ok;
    }

    // name=value is judged by the parser: a malformed one is a bad command line (exit 2), like any other bad flag value.
    private static NotebookParameter[] ParseParameters(System.CommandLine.Parsing.ArgumentResult result)
    {
        var parsed = new List<NotebookParameter>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            try { parsed.Add(NotebookParameter.Parse(token.Value)); }
            catch (InvalidSpecException e)
            {
                result.AddError($"--param: {e.Message}");
                return [];
            }
        }
        return [.. parsed];
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
