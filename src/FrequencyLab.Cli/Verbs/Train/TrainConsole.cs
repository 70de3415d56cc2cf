using System.Globalization;
using FrequencyLab.Training;
using Spectre.Console;
using FrequencyLab.Diagnostics;

namespace FrequencyLab.Cli.Verbs.Train;

/// <summary>
/// What <c>freqlab train</c> shows: a Spectre.Console progress bar (phase, running loss, rows/s, ETA) on a terminal, one
/// line per epoch elsewhere, and the per-epoch table at the end.
/// </summary>
internal sealed class TrainConsole
{
    private readonly IAnsiConsole _console;

    public TrainConsole(TextWriter output)
    {
        // 80 columns would wrap the epoch table.
        _console = VerbConsole.Live(output, minWidth: 160);
    }

    /// <summary>Runs <paramref name="train"/> with a live bar when the output is a terminal, or with epoch lines otherwise.</summary>
    public TrainingHistory Run(int epochs, long unitsPerEpoch, int firstEpoch, Func<IProgress<TrainingProgress>, TrainingHistory> train)
    {
        if (!_console.Profile.Capabilities.Interactive)
            return train(new InlineProgress<TrainingProgress>(p => { if (p.CompletedEpoch is { } e) _console.WriteLine(EpochLine(e, epochs)); }));

        TrainingHistory? history = null;
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: epochs * (double)unitsPerEpoch);
                task.Value = (firstEpoch - 1) * (double)unitsPerEpoch;
                long trainRows = 0;
                history = train(new InlineProgress<TrainingProgress>(p =>
                {
                    double done = (p.Epoch - 1) * (double)unitsPerEpoch;
                    switch (p.Phase)
                    {
                        case TrainingPhase.Training:
                            trainRows = p.Rows;
                            task.Value = done + p.Row;
                            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                                $"epoch {p.Epoch}/{epochs} train  loss {p.RunningLoss:F5}  {p.RowsPerSecond:F0} rows/s"));
                            break;
                        case TrainingPhase.EvaluatingTrain:
                            task.Value = done + trainRows + p.Row;
                            task.Description = $"epoch {p.Epoch}/{epochs} frozen eval (train)";
                            break;
                        case TrainingPhase.EvaluatingTest:
                            task.Value = done + 2 * trainRows + p.Row;
                            task.Description = $"epoch {p.Epoch}/{epochs} frozen eval (test)";
                            break;
                        case TrainingPhase.EvaluatingBoth:
                            task.Value = done + trainRows + p.Row;
                            task.Description = $"epoch {p.Epoch}/{epochs} frozen eval (train + test)";
                            break;
                        case TrainingPhase.EpochCompleted when p.CompletedEpoch is { } e:
                            task.Value = p.Epoch * (double)unitsPerEpoch;
                            _console.WriteLine(EpochLine(e, epochs));
                            break;
                    }
                }));
                task.Value = task.MaxValue;
            });
        return history!;
    }

    /// <summary>The per-epoch table; compact enough for 80 columns.</summary>
    public void WriteTable(TrainingHistory history)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "epoch", "train", "Δ prev", "frozen train", "frozen test", "lr", "‖g‖", "clip", "s", "events" })
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap());
        double? previous = null;
        foreach (var e in history.Epochs)
        {
            string delta = previous is { } p && p != 0 ? F($"{100 * (e.TrainLoss / p - 1):+0.0;-0.0}%") : "";
            table.AddRow(F($"{e.Epoch}"), F($"{e.TrainLoss:G4}"), delta, F($"{e.FrozenTrain.Mse:G4}"), F($"{e.FrozenTest.Mse:G4}"),
                F($"{e.LearningRate:G3}"), F($"{e.GradientNorm.Mean:G3}"), F($"{100 * e.GradientNorm.FractionClipped:F0}%"),
                F($"{e.Seconds:F0}"), Markup.Escape(string.Join(" ", e.Events.Select(v => ShortName(v.Kind)))));
            previous = e.TrainLoss;
        }
        _console.Write(table);
        _console.WriteLine("train: mean row loss before each update; frozen: no-grad stateful pass after the epoch; ‖g‖: mean pre-clip norm");
    }

    private static string ShortName(TrainingEventKind k) => k switch
    {
        TrainingEventKind.LossJump => "+20%",
        TrainingEventKind.AboveBest => ">1.5×best",
        TrainingEventKind.ConsecutiveIncreases => "3↑",
        TrainingEventKind.NonFinite => "NaN",
        TrainingEventKind.LearningRateReduced => "lr↓",
        TrainingEventKind.EarlyStop => "stop",
        TrainingEventKind.NewBest => "best",
        _ => k.ToString(),
    };

    public void WriteLine(string text) => _console.WriteLine(text);

    private static string EpochLine(EpochRecord e, int epochs)
    {
        var line = F($"epoch {e.Epoch}/{epochs}: train {e.TrainLoss:G5}, frozen train {e.FrozenTrain.Mse:G5}, frozen test {e.FrozenTest.Mse:G5}, {e.Seconds:F1} s");
        foreach (var ev in e.Events.Where(v => v.Kind != TrainingEventKind.NewBest)) line += $"\n  {KindName(ev.Kind)}: {ev.Message}";
        return line;
    }

    private static string KindName(TrainingEventKind k) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(k.ToString());

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
