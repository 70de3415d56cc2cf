using System.CommandLine;
using System.Runtime.InteropServices;
using FrequencyLab.Cli.Verbs.Train;
using FrequencyLab.Training;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab train</c>: one L=1 run with <see cref="StatefulTrainer"/> into a run folder (config.json, history.json,
/// checkpoints), or <c>--resume</c> of one. Defaults are the report's run. A thin shell: every number comes from the library.
/// </summary>
internal sealed class TrainVerb : IVerb
{
    private readonly TrainOptions _options = new();

    public Command Build()
    {
        var o = _options;
        var command = new Command("train", "Train the L=1 LSTM one row at a time (the report's run by default) into a run folder.");
        foreach (var option in o.All) command.Options.Add(option);
        // Where the run goes is part of the command line: without it, nothing can be done (exit 2).
        command.Validators.Add(result =>
        {
            if (result.GetResult(o.Out) is not null) return;
            if (result.GetResult(o.Resume) is { } resume)
            {
                if (resume.Tokens.Count == 0) result.AddError("--resume needs a run folder: --resume RUN_DIR or --out RUN_DIR --resume");
                return;
            }
            result.AddError("--out RUN_DIR is required");
        });
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        var o = _options;
        // Ctrl+C / SIGTERM: the first one lets the work finish its row, checkpoint and return; a second one kills as usual.
        using var interrupt = new GracefulInterrupt(ct);
        ct = interrupt.Token;

        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        bool resume = parse.GetResult(o.Resume) is not null;
        string folder = parse.GetValue(o.Resume) ?? parse.GetValue(o.Out)!;

        TrainingConfig config;
        RunDirectory? run = null;
        if (resume)
        {
            var stored = RunDirectory.OpenExisting(folder).ReadConfig();
            config = o.Apply(stored, parse).Validate();
            run = RunDirectory.OpenExisting(folder, config);
        }
        else config = o.Apply(TrainingConfig.Report, parse).Validate();

        // Data first: a missing or corrupt dataset must fail before anything is written.
        var data = TrainingData.Load(config.Data);
        // Cancelled before training: stop here, with nothing written (CliRunner reports it and exits 130).
        ct.ThrowIfCancellationRequested();
        // Config against the rows (e.g. a window longer than the training set) before anything is written.
        _ = new StatefulTrainer(config, data);
        Checkpoint? checkpoint = null;
        // Config, history, checkpoint integrity and the data's hashes, all checked before anything in the folder changes.
        if (run is not null) checkpoint = run.PrepareResume(config, data);
        else run = RunDirectory.CreateNew(folder, config);

        var trainer = new StatefulTrainer(config, data) { Output = run };
        bool json = parse.GetValue(o.Json);
        var view = new TrainConsole(stdout);
        int firstEpoch = (checkpoint?.Trainer.CompletedEpochs ?? 0) + 1;
        long units = 2L * data.Train.Count + data.Test.Count;
        TrainingHistory Train(IProgress<TrainingProgress>? progress) =>
            checkpoint is null ? trainer.Run(progress, ct) : trainer.Resume(checkpoint, progress, ct);
        var history = json ? Train(null) : view.Run(config.Epochs, units, firstEpoch, Train);

        if (json) stdout.WriteLine(HistoryJson.Serialize(history));
        else
        {
            view.WriteTable(history);
            view.WriteLine($"{Describe(history)}; history: {run.HistoryPath}");
        }
        switch (history.Stop)
        {
            case StopReason.Cancelled:
                CliRunner.WriteCancelled(stderr, history.StopMessage ?? "stopped");
                return CliRunner.Cancelled;
            case StopReason.NonFinite:
                CliRunner.WriteError(stderr, history.StopMessage ?? "the run stopped on a non-finite loss");
                return CliRunner.Failed;
            default:
                return CliRunner.Ok;
        }
    }

    private static string Describe(TrainingHistory h) => h.Stop switch
    {
        StopReason.Completed => $"completed {h.Epochs.Count} epochs",
        StopReason.EarlyStopping => $"stopped after {h.Epochs.Count} epochs: {h.StopMessage}",
        _ => $"{h.Stop} after {h.Epochs.Count} epochs",
    };
}
