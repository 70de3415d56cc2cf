using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Charts;
using FrequencyLab.Cli.Options;
using FrequencyLab.Cli.Verbs.Train;
using FrequencyLab.Data;
using FrequencyLab.Diagnostics;
using FrequencyLab.Engines;
using FrequencyLab.Findings;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab lr-find [--start 1e-7 --end 1 --steps 100 --rows-per-step 1 --json --out DIR]</c>: the fastai/Lightning LR
/// range test (<see cref="LrFinder"/>) on a fresh report model, with the four suggestion rules. Rows are interleaved by
/// default: the test sees only its first steps × rows-per-step rows, and in the report's block order those would all be f1.
/// </summary>
internal sealed class LrFindVerb : IVerb
{
    private readonly TrainOptions _train = new();
    private readonly Option<double?> _start = SharedOptions.Number("--start", "First learning rate (default 1e-7, fastai's).");
    private readonly Option<double?> _end = SharedOptions.Number("--end", "Learning rate the schedule grows towards (default 1, Lightning's).");
    private readonly Option<int?> _steps = new("--steps") { Description = "Steps (default 100)." };
    private readonly Option<int?> _rowsPerStep = new("--rows-per-step") { Description = "Rows per step, each its own update (default 1: the report's batch of one)." };
    private readonly Option<double?> _beta = SharedOptions.Number("--beta", "Loss smoothing (default 0.98).");
    private readonly Option<bool> _noStop = new("--no-stop") { Description = "Run every step even after the loss diverges (fastai's stop_div=False)." };
    private readonly Option<bool> _json = SharedOptions.Json("Print the result as JSON.");
    private readonly Option<string?> _order = SharedOptions.Choice("--order", "Row order (default interleaved, see above).", "blocks", "interleaved");
    private readonly Option<string?> _outDir = SharedOptions.Out("Folder for lr-find.json and lr-find.html (the chart).");

    public Command Build()
    {
        var command = new Command("lr-find",
            "LR range test (fastai/Lightning lr_find): exponentially rising lr, smoothed debiased loss, stop at 4× the best, suggestions.");
        foreach (var o in new Option[] { _start, _end, _steps, _rowsPerStep, _beta, _noStop, _train.InitSeed, _order, _train.Hidden, _train.Engine, _train.Optimizer, _train.Momentum,
                     _train.Clip, _train.TrainSeed, _json, _outDir })
            command.Options.Add(o);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        var config = TrainingConfig.Report;
        if (parse.GetValue(_train.Engine) is { } engine) config = config with { Engine = engine };
        if (parse.GetValue(_train.InitSeed) is { } seed) config = config with { InitSeed = seed };
        if (parse.GetValue(_train.Hidden) is { } hidden) config = config with { HiddenSize = hidden };
        if (parse.GetValue(_train.Optimizer) is { } opt) config = config with { Optimizer = config.Optimizer with { Kind = opt == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam } };
        if (parse.GetValue(_train.Momentum) is { } m) config = config with { Optimizer = config.Optimizer with { Momentum = m } };
        if (parse.GetValue(_train.Clip) is { } clip) config = config with { MaxGradNorm = clip };
        var data = config.Data with { Order = parse.GetValue(_order) == "blocks" ? RowOrder.Blocks : RowOrder.Interleaved };
        if (parse.GetValue(_train.TrainSeed) is { } ts) data = data with { TrainSeed = ts };
        config = (config with { Data = data }).Validate();
        var settings = new LrFinderSettings();
        if (parse.GetValue(_start) is { } s) settings = settings with { StartLr = s };
        if (parse.GetValue(_end) is { } e) settings = settings with { EndLr = e };
        if (parse.GetValue(_steps) is { } n) settings = settings with { Steps = n };
        if (parse.GetValue(_rowsPerStep) is { } r) settings = settings with { RowsPerStep = r };
        if (parse.GetValue(_beta) is { } b) settings = settings with { Beta = b };
        if (parse.GetValue(_noStop)) settings = settings with { StopOnDivergence = false };
        settings.Validate();
        string? folder = parse.GetValue(_outDir) is { } d ? Path.GetFullPath(d) : null;
        if (folder is not null && File.Exists(folder)) throw new DataFileException(folder, "--out is a file, not a folder");

        var output = parse.InvocationConfiguration.Output;
        bool asJson = parse.GetValue(_json);
        // Only the rows the test will use (it wraps around if it needs more than one pass).
        long needed = (long)settings.Steps * settings.RowsPerStep;
        var training = TrainingData.Load(config.Data with { MaxRows = (int)Math.Min(needed, int.MaxValue) });
        int every = Math.Max(1, settings.Steps / 10);
        var progress = asJson ? null : new InlineProgress<LrFinderProgress>(p =>
        {
            if (p.Step % every == 0 || p.Step == p.Steps)
                output.WriteLine($"step {p.Step,4}/{p.Steps}  lr {p.LearningRate.ToString("0.###e+0", CultureInfo.InvariantCulture),10}  smoothed loss {Number.Format(p.SmoothedLoss)}");
        });
        var result = LrFinder.Run(config, settings, training, progress, ct);
        string jsonText = JsonSerializer.Serialize(result, HistoryJson.Options);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, "lr-find.json"), jsonText);
            LrFinderCharts.LossVsLearningRate(result).SaveHtml(Path.Combine(folder, "lr-find.html"));
        }
        if (asJson) output.WriteLine(jsonText);
        else
        {
            output.WriteLine($"{result.StepCount} steps × {settings.RowsPerStep} row(s), lr {Number.Format(settings.StartLr)} → {Number.Format(result.LearningRates[^1])}"
                + (result.StoppedOnDivergence ? $": stopped, smoothed loss above {Number.Format(settings.DivergenceFactor)}× its best" : ""));
            foreach (var sug in result.Suggestions)
                output.WriteLine($"suggestion {sug.Method,-9} lr {(double.IsFinite(sug.LearningRate) ? sug.LearningRate.ToString("0.###e+0", CultureInfo.InvariantCulture) : "none (too few steps)")}");
            if (folder is not null) output.WriteLine($"written: {Path.Combine(folder, "lr-find.json")}, {Path.Combine(folder, "lr-find.html")}");
        }
        return CliRunner.Ok;
    }
}
