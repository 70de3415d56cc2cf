using System.CommandLine;
using System.Globalization;
using FrequencyLab.Cli.Options;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Notebooks;
using FrequencyLab.Reproduce;
using FrequencyLab.Training;
using Spectre.Console;
using FrequencyLab.Diagnostics;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab reproduce [--out DIR] [--quick] [--engine fused|torch] [--workers N]</c>: the whole study in one command —
/// data and validation, the report's run, the proposed fix, the lr × seed sweep, every notebook — into a study folder with
/// an offline index.html. Rerunning continues an interrupted study and reuses finished stages. A thin shell over
/// <see cref="ReproduceJob"/>.
/// </summary>
internal sealed class ReproduceVerb : IVerb
{
    private readonly Option<string?> _out = SharedOptions.Out("Study folder (default artifacts/reproduce); must be new, empty, or a study of the same options.");
    private readonly Option<bool> _quick = new("--quick") { Description = "A reduced study in a few minutes, labelled quick on the page." };
    private readonly Option<bool> _tiny = new("--tiny") { Description = "A study of seconds, for tests.", Hidden = true };
    private readonly Option<string?> _engine = SharedOptions.Engine("Engine of the proposed fix and the sweep (default fused); the report's run stays on TorchSharp.");
    private readonly Option<int?> _jobs = SharedOptions.Workers($"Sweep points and claims-ledger experiments trained at once (default one per core: {Environment.ProcessorCount}).");

    public Command Build()
    {
        var command = new Command("reproduce", "Run the whole study (data, the report's run, the proposed fix, the lr × seed sweep, every notebook) and write an offline index.html.");
        foreach (var o in new Option[] { _out, _quick, _tiny, _engine, _jobs }) command.Options.Add(o);
        command.NotTogether(_quick, _tiny);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        using var interrupt = new GracefulInterrupt(ct);
        ct = interrupt.Token;
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var engine = parse.GetValue(_engine) ?? TrainingConfig.Report.Engine;
        var root = ReproduceOptions.FindRepositoryRoot(Environment.CurrentDirectory) ?? ReproduceOptions.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new FrequencyLabException("reproduce: no FrequencyNotebooks checkout (FrequencyNotebooks.sln) above the current folder or the freqlab binary");
        var options = new ReproduceOptions(parse.GetValue(_out) ?? Path.Combine(root, "artifacts", "reproduce"), root)
        {
            Profile = parse.GetValue(_tiny) ? ReproduceProfile.Tiny : parse.GetValue(_quick) ? ReproduceProfile.Quick : ReproduceProfile.Full,
            Engine = engine,
            Jobs = parse.GetValue(_jobs) ?? Environment.ProcessorCount,
            Notebooks = new NotebookExecutor(),
        };
        var job = new ReproduceJob(options);

        var console = VerbConsole.Live(stdout, minWidth: 160);
        console.WriteLine($"reproduce: {options.Profile.Name} study into {Path.GetFullPath(options.OutputDirectory)}");
        var outcome = Run(console, job, ct);

        foreach (var s in outcome.Manifest.Stages)
            console.WriteLine(F($"  {s.Name,-14} {s.Status.ToString().ToLowerInvariant(),-10} {s.Seconds,8:F1} s  {s.Message ?? s.Summary}"));
        console.WriteLine($"reproduce: page {outcome.IndexPath}");
        if (outcome.Failure is { } failed)
        {
            CliRunner.WriteError(stderr, $"stage {failed.Name} failed: {failed.Message}");
            return CliRunner.Failed;
        }
        if (outcome.Cancelled)
        {
            CliRunner.WriteCancelled(stderr, "finished work is kept; run the same command again to continue");
            return CliRunner.Cancelled;
        }
        return CliRunner.Ok;
    }

    private static ReproduceOutcome Run(IAnsiConsole console, ReproduceJob job, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // A log, not a live bar: each finished stage, and the status at most every 15 s in between.
            var last = System.Diagnostics.Stopwatch.StartNew();
            return job.Run(new InlineProgress<ReproduceProgress>(p =>
            {
                if (p.Finished is { } f) console.WriteLine(Line(p, f));
                else if (last.Elapsed.TotalSeconds >= 15)
                {
                    console.WriteLine(Status(p));
                    last.Restart();
                }
            }), ct);
        }
        ReproduceOutcome? outcome = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1000);
                outcome = job.Run(new InlineProgress<ReproduceProgress>(p =>
                {
                    task.Value = 1000 * p.Fraction;
                    task.Description = Markup.Escape(Status(p));
                    if (p.Finished is { } f) console.WriteLine(Line(p, f));
                }), ct);
                task.Value = task.MaxValue;
            });
        return outcome!;
    }

    private static string Status(ReproduceProgress p)
    {
        var eta = p.Eta is { } e ? $"ETA {e:hh\\:mm\\:ss}" : "ETA …";
        return F($"stage {p.StageNumber}/{p.StageCount} {p.Stage}: {p.Status} · runs {p.RunsDone}/{p.RunsTotal} · {p.Fraction:P0} · {eta}");
    }

    private static string Line(ReproduceProgress p, StageRecord f) =>
        F($"[{p.StageNumber}/{p.StageCount}] {p.StageTitle}: {f.Status.ToString().ToLowerInvariant()} in {f.Seconds:F1} s; runs {p.RunsDone}/{p.RunsTotal}; {f.Message ?? f.Summary}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
