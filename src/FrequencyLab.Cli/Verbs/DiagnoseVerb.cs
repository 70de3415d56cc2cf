using FrequencyLab.IO;
using System.CommandLine;
using System.Text.Json;
using FrequencyLab.Cli.Options;
using FrequencyLab.Diagnostics;
using FrequencyLab.Findings;
using FrequencyLab.Prediction;
using FrequencyLab.Training;
using Spectre.Console;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab diagnose HISTORY [--json]</c>: any run's history.json read as the report's §2.1 table (changes from the
/// previous and the best epoch), its recorded divergence alerts, and trend verdicts (Mann–Kendall / Theil–Sen) on the train
/// loss and the frozen test MSE. Reads only; writes nothing.
/// </summary>
internal sealed class DiagnoseVerb : IVerb
{
    private readonly Argument<string> _history = new("HISTORY") { Description = "A history.json written by freqlab train or sweep." };
    private readonly Option<bool> _json = SharedOptions.Json("Print the trajectories, alerts and findings as JSON.");

    public Command Build()
    {
        var command = new Command("diagnose",
            "Read a run's history.json as the report reads its loss table: changes from previous and best, alerts, trend tests.");
        command.Arguments.Add(_history);
        command.Options.Add(_json);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        string path = parse.GetValue(_history)!;
        var diagnosis = Diagnose(path);
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(_json)) output.WriteLine(JsonSerializer.Serialize(diagnosis, HistoryJson.Options));
        else Write(output, path, diagnosis);
        return CliRunner.Ok;
    }

    /// <summary>What diagnose prints, as one record (the --json shape).</summary>
    internal sealed record Diagnosis(string Engine, double LearningRate, int Epochs, string Stop, LossTrajectory TrainLoss,
        LossTrajectory FrozenTrainMse, LossTrajectory FrozenTestMse, IReadOnlyList<Finding> Findings);

    private static Diagnosis Diagnose(string path)
    {
        LearningCurve.CheckFileSize(path);
        var h = HistoryJson.Read(path);
        if (h.Epochs is null || h.Epochs.Count == 0) throw new DataFileException(path, "the history has no epochs: nothing to diagnose");
        foreach (var e in h.Epochs)
            if (e is null || e.FrozenTrain is null || e.FrozenTest is null)
                throw new DataFileException(path, "an epoch record is incomplete (no frozen evaluation): not a freqlab history");
        // The same check of a learning curve as predict's (epochs positive and increasing, values finite and not negative,
        // the same size limits), on each metric diagnose reads; zero is a loss here, since nothing is taken on a log scale.
        var epochs = h.Epochs.Select(e => (double)e.Epoch).ToArray();
        foreach (var metric in new[] { TrajectoryMetric.TrainLoss, TrajectoryMetric.FrozenTrainMse, TrajectoryMetric.FrozenTestMse })
        {
            var curve = new LearningCurve(LossTrajectory.MetricName(metric), epochs, h.Epochs.Select(e => LossTrajectory.Value(e, metric)).ToArray());
            try { curve.Validate(logScale: false); }
            catch (CurveInputException e) { throw new DataFileException(path, e.Message); }
        }
        // The table numbers rows 1, 2, 3, …: a freqlab history has every epoch from 1, in order.
        for (int i = 0; i < epochs.Length; i++)
            if (epochs[i] != i + 1)
                throw new DataFileException(path, $"epoch {h.Epochs[i].Epoch} is record {i + 1}: a history's epochs are 1, 2, 3, … with none missing");
        var train = LossTrajectory.FromHistory(h, TrajectoryMetric.TrainLoss);
        var frozenTrain = LossTrajectory.FromHistory(h, TrajectoryMetric.FrozenTrainMse);
        var frozenTest = LossTrajectory.FromHistory(h, TrajectoryMetric.FrozenTestMse);
        var findings = new List<Finding>
        {
            TrajectoryFindings.BestEpoch(train, 1, "Epoch 1 … (BEST)", "§2.1"),
            TrajectoryFindings.Trend(train, TrendDirection.Rising, "Each epoch makes the model worse", "§2.1"),
            TrajectoryFindings.Trend(frozenTest, TrendDirection.Rising),
            TrajectoryFindings.Divergence(train),
        };
        return new Diagnosis(h.Config.Engine, h.Config.LearningRate, h.Epochs.Count, h.Stop.ToString(), train, frozenTrain, frozenTest, findings);
    }

    private static void Write(TextWriter output, string path, Diagnosis d)
    {
        var console = VerbConsole.Plain(output, minWidth: 160);
        console.WriteLine($"{PrintableText.Whole(path)}: {d.Epochs} epochs, engine {d.Engine}, lr {Number.Format(d.LearningRate)}, stop: {d.Stop}");
        var table = new Table { Border = TableBorder.Rounded };
        foreach (var c in new[] { "epoch", "train loss", "Δ previous", "Δ best", "frozen train MSE", "frozen test MSE", "alerts" })
            table.AddColumn(new TableColumn(c) { NoWrap = c != "alerts" }.RightAligned());
        for (int i = 0; i < d.TrainLoss.Rows.Count; i++)
        {
            var r = d.TrainLoss.Rows[i];
            var alerts = d.TrainLoss.Alerts.Events.Where(e => e.Epoch == r.Epoch && AlertSummary.DivergenceKinds.Contains(e.Kind)).Select(e => e.Kind.ToString());
            table.AddRow(new Text(r.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(r.Loss.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)),
                new Text(r.ChangeFromPrevious is { } p ? Number.Percent(p) : "–"),
                new Text(r.ChangeFromBest is { } b ? Number.Percent(b) : "–") ,
                new Text(Number.Format(d.FrozenTrainMse.Rows[i].Loss)), new Text(Number.Format(d.FrozenTestMse.Rows[i].Loss)),
                new Text(string.Join(", ", alerts)));
        }
        console.Write(table);
        console.WriteLine($"best train loss at epoch {d.TrainLoss.BestEpoch}; {d.TrainLoss.Rises} of {d.TrainLoss.Rows.Count - 1} epoch changes rose; longest run of rises {d.TrainLoss.LongestRiseRun}");
        foreach (var f in d.Findings) console.WriteLine(f.ToString());
    }
}
