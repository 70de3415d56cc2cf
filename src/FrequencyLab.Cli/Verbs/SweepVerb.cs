using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FrequencyLab.Cli.Options;
using FrequencyLab.Cli.Verbs.Train;
using FrequencyLab.Data;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.Sweep;
using FrequencyLab.Training;
using Spectre.Console;
using FrequencyLab.Diagnostics;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab sweep</c>: a learning-rate × init-seed (× reset policy × row order) grid of independent L=1 runs with
/// <see cref="SweepRunner"/>, one run folder per point and a sweep.json index under <c>--out</c>; rerunning the same
/// command skips finished points and continues interrupted ones. Every train option that is not a grid axis applies to
/// every point.
/// </summary>
internal sealed class SweepVerb : IVerb
{
    private readonly Option<double[]?> _lr = OptionRules.CommaList<double>("--lr", "Learning rates, comma-separated (e.g. 1e-3,1e-4).", "LR[,LR…]", "a finite number",
        s => OptionRules.TryDouble(s, out var v) && double.IsFinite(v) ? v : null);
    private readonly Option<ulong[]?> _seeds = OptionRules.CommaList<ulong>("--init-seed", "Init seeds, comma-separated (default 0).", "SEED[,SEED…]", "a seed (0 … 2^64−1)",
        s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
    private readonly Option<ResetPolicy[]?> _resets = OptionRules.CommaList<ResetPolicy>("--reset", "Reset policies, comma-separated: per-epoch, per-block, never, stateless (default per-epoch).", "POLICY[,…]",
        "one of per-epoch, per-block, never, stateless", ParseReset);
    private readonly Option<RowOrder[]?> _orders = OptionRules.CommaList<RowOrder>("--order", "Row orders, comma-separated: blocks, interleaved (default blocks).", "ORDER[,…]",
        "one of blocks, interleaved", ParseOrder);
    private readonly Option<int?> _workers = SharedOptions.Workers($"Points trained at once (default one per core: {Environment.ProcessorCount}).");
    private readonly Option<string?> _out = SharedOptions.Out("Sweep folder: sweep.json and one run folder per point.", "SWEEP_DIR");
    private readonly Option<bool> _json = SharedOptions.Json("Print the sweep index (sweep.json) as JSON instead of the table.");

    // A cluster grid (docs/grid.md, "Cluster grids"): plan into --out, write a Slurm job array, submit it.
    private readonly SlurmOptionSet _slurm = new("the sweep");

    /// <summary>Every train option that is not a grid axis (or the sweep's own --out, --json) applies to every point.</summary>
    private readonly TrainOptions _train = new();

    public Command Build()
    {
        var o = _train;
        var command = new Command("sweep", "Run a grid of independent L=1 runs (lr × init seed × reset × order), several at once, resumable.");
        Option[] gridAxes = [o.LearningRate, o.InitSeed, o.Order, o.Reset, o.Out, o.Resume, o.Json];
        foreach (var option in new Option[] { _lr, _seeds, _resets, _orders, o.Engine, _workers, _out, _json }) command.Options.Add(option);
        foreach (var option in o.All.Except(gridAxes).Except([o.Engine])) command.Options.Add(option);
        command.Requires(_out, "--out SWEEP_DIR is required");
        command.Requires(_lr, "--lr is required (one or more learning rates, e.g. --lr 1e-3,1e-4)");
        _slurm.AddTo(command, _json);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        // Ctrl+C / SIGTERM: the first one lets the work finish its row, checkpoint and return; a second one kills as usual.
        using var interrupt = new GracefulInterrupt(ct);
        ct = interrupt.Token;

        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var folder = parse.GetValue(_out)!;
        var baseConfig = _train.Apply(TrainingConfig.Report, parse);
        var grid = new SweepGrid
        {
            Base = baseConfig,
            LearningRates = parse.GetList(_lr)!,
            InitSeeds = parse.GetList(_seeds) ?? [baseConfig.InitSeed],
            Resets = parse.GetList(_resets),
            Orders = parse.GetList(_orders),
        }.Validate();
        int workers = parse.GetValue(_workers) ?? Environment.ProcessorCount;
        if (_slurm.Requested(parse)) return GridSubmission.Plan(parse, _slurm, GridPlan.ForSweep(grid), folder);

        var runner = new SweepRunner(grid) { OutputPath = folder, Workers = workers };
        bool json = parse.GetValue(_json);
        var console = VerbConsole.Live(stdout, minWidth: 160);
        var clock = Stopwatch.StartNew();
        var results = json ? runner.Run(null, ct) : RunWithProgress(console, runner, ct);
        clock.Stop();

        if (json) stdout.WriteLine(File.ReadAllText(Path.Combine(results.Folder!, SweepIndex.FileName)));
        else
        {
            WriteTable(console, results);
            int skipped = results.Points.Count(p => p.Skipped);
            var counts = string.Join(", ", results.Points.GroupBy(p => p.Status).Select(g => $"{g.Count()} {Name(g.Key)}"));
            console.WriteLine(F($"sweep: {results.Points.Count} points ({counts}; {skipped} found finished and skipped) in {clock.Elapsed.TotalSeconds:F1} s, {workers} worker(s), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB; index: {Path.Combine(results.Folder!, SweepIndex.FileName)}"));
        }
        if (results.Points.FirstOrDefault(p => p.Status == SweepPointStatus.Failed) is { } failed)
        {
            CliRunner.WriteError(stderr, $"point {failed.Point.Name} failed: {failed.Message}");
            return CliRunner.Failed;
        }
        if (ct.IsCancellationRequested && !results.AllFinished)
        {
            CliRunner.WriteCancelled(stderr, "running points wrote their checkpoints; run the same command again to continue");
            return CliRunner.Cancelled;
        }
        return CliRunner.Ok;
    }

    private static SweepResults RunWithProgress(IAnsiConsole console, SweepRunner runner, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive)
            return runner.Run(new InlineProgress<SweepProgress>(p => { if (p.Finished is { } f) console.WriteLine(FinishedLine(p, f)); }), ct);
        SweepResults? results = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                results = runner.Run(new InlineProgress<SweepProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.RowsTotal, 1);
                    task.Value = Math.Min(p.RowsDone, p.RowsTotal);
                    task.Description = Markup.Escape(F($"points {p.PointsDone}/{p.PointsTotal} done, {p.PointsRunning} running, {p.RowsPerSecond:F0} rows/s"));
                    if (p.Finished is { } f) console.WriteLine(FinishedLine(p, f));
                }), ct);
                task.Value = task.MaxValue;
            });
        return results!;
    }

    private static string FinishedLine(SweepProgress p, SweepPointResult f)
    {
        var last = f.History?.Epochs.LastOrDefault();
        var metrics = last is null ? "" : F($", train {last.TrainLoss:G5}, frozen test {last.FrozenTest.Mse:G5}");
        return F($"[{p.PointsDone}/{p.PointsTotal}] {f.Point.Name}: {Name(f.Status)}{metrics}");
    }

    private static void WriteTable(IAnsiConsole console, SweepResults results)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "point", "status", "epochs", "train", "frozen train", "frozen test", "best test", "s" })
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap());
        foreach (var r in results.Points)
        {
            var e = SweepIndexEntry.From(r);
            table.AddRow(Markup.Escape(r.Point.Name), Name(r.Status) + (r.Skipped ? " (skipped)" : ""), F($"{e.EpochsCompleted}"),
                F($"{e.FinalTrainLoss:G4}"), F($"{e.FinalFrozenTrainMse:G4}"), F($"{e.FinalFrozenTestMse:G4}"), F($"{e.BestFrozenTestMse:G4}"), F($"{e.Seconds:F1}"));
        }
        console.Write(table);
    }

    private static string Name(SweepPointStatus s) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString());

    private static ResetPolicy? ParseReset(string s) => s switch
    {
        "per-epoch" => ResetPolicy.PerEpoch,
        "per-block" => ResetPolicy.PerBlock,
        "never" => ResetPolicy.Never,
        "stateless" => ResetPolicy.Stateless,
        _ => null,
    };

    private static RowOrder? ParseOrder(string s) => s switch
    {
        "blocks" => RowOrder.Blocks,
        "interleaved" => RowOrder.Interleaved,
        _ => null,
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
