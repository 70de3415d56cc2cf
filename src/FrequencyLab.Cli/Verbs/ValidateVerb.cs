using System.CommandLine;
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
    public Command Build()
    {
        var train = new Argument<string>("TRAIN") { Description = "Dataset file (.npy or .csv, with its .json sidecar) to validate; baselines are fitted on it." };
        var test = new Option<string?>("--test") { HelpName = "FILE", Description = "Test dataset file: baselines fitted on TRAIN are scored on it." };
        var testSeed = new Option<ulong?>("--test-seed")
        {
            HelpName = "SEED",
            Description = "Score baselines on the counterpart regenerated from TRAIN's sidecar spec with this seed (the report's test set is seed 2).",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };

        var command = new Command("validate",
            "Measure a dataset: structure, amplitude spectra of S and the targets, correlation of S with each target, baseline MSEs. "
            + "Without --test or --test-seed the baselines are scored in-sample on TRAIN.");
        command.Arguments.Add(train);
        command.Options.Add(test);
        command.Options.Add(testSeed);
        command.Options.Add(json);
        command.Validators.Add(result =>
        {
            if (result.GetResult(test) is not null && result.GetResult(testSeed) is not null)
                result.AddError("--test and --test-seed cannot be used together");
        });
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string trainPath = parse.GetValue(train)!;
            var trainSet = ReadWithSpec(trainPath);
            FrequencyDataset? testSet = null;
            string testDescription;
            if (parse.GetValue(test) is { } testPath)
            {
                testSet = ReadWithSpec(testPath);
                testDescription = $"test = {testPath} ({Describe(testSet)}); baselines fitted on train, scored on test";
            }
            else if (parse.GetValue(testSeed) is { } seed)
            {
                testSet = FrequencyDataset.FromSignals(SignalGenerator.Generate(trainSet.Spec!, seed), trainSet.Order);
                testDescription = $"test = regenerated from the train sidecar's spec with seed {seed} ({Describe(testSet)}); baselines fitted on train, scored on test";
            }
            else
            {
                testDescription = "no test set (give --test FILE or --test-seed N): baselines are fitted on train and scored IN-SAMPLE on train";
            }

            var report = ValidationReport.Compute(trainSet, testSet);
            if (parse.GetValue(json))
                output.Write(report.ToJson());
            else
                WriteTables(output, report, $"train = {trainPath} ({Describe(trainSet)})", testDescription);

            // The report is printed either way; a dataset that breaks the row contract still fails the command.
            if (report.Problems.Count > 0)
                throw new DataFileException(trainPath, $"{report.Problems[0]}{(report.Problems.Count > 1 ? $" (and {report.Problems.Count - 1} more problems)" : "")}");
            return CliRunner.Ok;
        });
        return command;
    }

    private static FrequencyDataset ReadWithSpec(string path)
    {
        var dataset = DatasetIO.Read(path);
        if (dataset.Spec is null)
            throw new DataFileException(path, "no signal spec in its sidecar: validate needs fs and the frequencies");
        return dataset;
    }

    private static string Describe(FrequencyDataset d) =>
        $"{d.RowCount} rows, K = {d.FrequencyCount}, {DataNames.Of(d.Order)} order, seed {(d.Seed is { } s ? s.ToString() : "unknown")}";

    private static void WriteTables(TextWriter output, ValidationReport report, string trainLine, string testLine)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Redirected output (files, tests, pipes) has no width of its own; wide enough that the tables do not wrap numbers.
        console.Profile.Width = Math.Max(console.Profile.Width, 200);
        console.WriteLine(trainLine);
        console.WriteLine(testLine);
        foreach (var table in report.ToTables())
        {
            var grid = new Table { Title = new TableTitle(table.Section), Border = TableBorder.Rounded };
            for (int j = 0; j < table.Columns.Count; j++)
            {
                var column = new TableColumn(Markup.Escape(table.Columns[j]));
                bool text = j < 2 || j == table.Columns.Count - 1;
                if (!text) column.RightAligned();
                column.NoWrap = !text;
                grid.AddColumn(column);
            }
            foreach (var row in table.Rows) grid.AddRow(row.Select(c => new Text(c)).ToArray());
            console.WriteLine();
            console.Write(grid);
        }
        foreach (var problem in report.Problems) console.WriteLine($"problem: {problem}");
    }
}
