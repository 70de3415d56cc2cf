using FrequencyLab.IO;
using System.CommandLine;
using FrequencyLab.Cli.Options;
using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;
using Spectre.Console;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab validate TRAIN [--test TEST | --test-seed N] [--json]</c>: the <see cref="ValidationReport"/> of a dataset file.
/// Baselines are fitted on TRAIN and scored on the test set: a second file (--test), or the counterpart regenerated from
/// TRAIN's sidecar spec with another seed (--test-seed). With neither, they are scored in-sample on TRAIN and the output says so.
/// </summary>
internal sealed class ValidateVerb : IVerb
{
    private readonly Argument<string> _train = new("TRAIN") { Description = "Dataset file (.npy or .csv, with its .json sidecar) to validate; baselines are fitted on it." };
    private readonly Option<string?> _test = new("--test") { HelpName = "FILE", Description = "Test dataset file: baselines fitted on TRAIN are scored on it." };
    private readonly Option<ulong?> _testSeed = new("--test-seed")
    {
        HelpName = "SEED",
        Description = "Score baselines on the counterpart regenerated from TRAIN's sidecar spec with this seed (the report's test set is seed 2).",
    };
    private readonly Option<bool> _json = SharedOptions.Json("Print the report as JSON instead of tables.");
    private readonly Option<double?> _fs = SharedOptions.Number("--fs", "Sampling rate, for a file without sidecar (e.g. saved by numpy); with a sidecar it must agree with it.", "HZ");
    private readonly Option<double[]?> _frequencies = new("--frequencies")
    {
        HelpName = "1,3,5,7",
        Description = "Frequencies in Hz in one-hot order, for a file without sidecar; with a sidecar they must agree with it.",
        CustomParser = GenerateVerb.ParseFrequencies,
    };

    public Command Build()
    {
        var command = new Command("validate",
            "Measure a dataset: structure, amplitude spectra of S and the targets, correlation of S with each target, baseline MSEs. "
            + "Without --test or --test-seed the baselines are scored in-sample on TRAIN.");
        command.Arguments.Add(_train);
        foreach (var option in new Option[] { _test, _testSeed, _json, _fs, _frequencies }) command.Options.Add(option);
        command.NotTogether(_test, _testSeed);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        string trainPath = parse.GetValue(_train)!;
        // The custom parser also runs when the option is absent (no tokens): absent means not given.
        var given = new GivenSpec(parse.GetValue(_fs), parse.GetResult(_frequencies) is { Tokens.Count: > 0 } ? parse.GetValue(_frequencies) : null);
        var trainSet = ReadWithSpec(trainPath, given);
        FrequencyDataset? testSet = null;
        string testDescription;
        if (parse.GetValue(_test) is { } testPath)
        {
            testSet = ReadWithSpec(testPath, given);
            testDescription = $"test = {testPath} ({Describe(testSet)}); baselines fitted on train, scored on test";
        }
        else if (parse.GetValue(_testSeed) is { } seed)
        {
            if (DatasetIO.ReadSidecar(trainPath)?.Spec is null)
                throw new DataFileException(trainPath, "--test-seed needs the spec in TRAIN's sidecar (noise mode, amplitude and phase ranges): give --test FILE instead");
            testSet = FrequencyDataset.FromSignals(SignalGenerator.Generate(trainSet.Spec!, seed), trainSet.Order);
            testDescription = $"test = regenerated from the train sidecar's spec with seed {seed} ({Describe(testSet)}); baselines fitted on train, scored on test";
        }
        else
        {
            testDescription = "no test set (give --test FILE or --test-seed N): baselines are fitted on train and scored IN-SAMPLE on train";
        }

        var report = ValidationReport.Compute(trainSet, testSet);
        if (parse.GetValue(_json))
            output.Write(report.ToJson());
        else
            WriteTables(output, report, $"train = {trainPath} ({Describe(trainSet)})", testDescription);

        // The report is printed either way; a dataset that breaks the row contract still fails the command.
        if (report.Problems.Count > 0)
            throw new DataFileException(trainPath, $"{report.Problems[0]}{(report.Problems.Count > 1 ? $" (and {report.Problems.Count - 1} more problems)" : "")}");
        return CliRunner.Ok;
    }

    /// <summary>--fs and --frequencies as given (null when absent).</summary>
    private sealed record GivenSpec(double? SampleRate, double[]? Frequencies);

    // A sidecar's spec wins, and what the user gave must agree with it; without a sidecar, fs and the frequencies make the
    // spec (duration = N/fs; the amplitude and phase ranges are unknown and stay at the defaults, used only by --test-seed).
    // The library's one total reading of a dataset with the spec given on the command line (ValidationInput.WithSpec).
    private static FrequencyDataset ReadWithSpec(string path, GivenSpec given) =>
        ValidationInput.WithSpec(DatasetIO.Read(path), path, given.SampleRate, given.Frequencies);

    private static string Describe(FrequencyDataset d) =>
        $"{d.RowCount} rows, K = {d.FrequencyCount}, {DataNames.Of(d.Order)} order, seed {(d.Seed is { } s ? s.ToString() : "unknown")}";

    private static void WriteTables(TextWriter output, ValidationReport report, string trainLine, string testLine)
    {
        // Wide enough that the tables do not wrap numbers.
        var console = VerbConsole.Plain(output, minWidth: 200);
        // File names and column names come from the files: escaped, so a file cannot drive the terminal.
        console.WriteLine(PrintableText.Whole(trainLine));
        console.WriteLine(PrintableText.Whole(testLine));
        foreach (var table in report.ToTables())
        {
            var grid = new Table { Title = new TableTitle(table.Section), Border = TableBorder.Rounded };
            for (int j = 0; j < table.Columns.Count; j++)
            {
                var column = new TableColumn(Markup.Escape(PrintableText.Whole(table.Columns[j])));
                bool text = j < 2 || j == table.Columns.Count - 1;
                if (!text) column.RightAligned();
                column.NoWrap = !text;
                grid.AddColumn(column);
            }
            foreach (var row in table.Rows) grid.AddRow(row.Select(c => new Text(PrintableText.Whole(c))).ToArray());
            console.WriteLine();
            console.Write(grid);
        }
        foreach (var problem in report.Problems) console.WriteLine(PrintableText.Whole($"problem: {problem}"));
    }
}
