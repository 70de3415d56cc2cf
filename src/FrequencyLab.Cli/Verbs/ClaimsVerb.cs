using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FrequencyLab.Claims;
using FrequencyLab.Cli.Options;
using FrequencyLab.Findings;
using FrequencyLab.Grid.Cluster;
using FrequencyLab.IO;
using Spectre.Console;
using FrequencyLab.Diagnostics;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab claims [--quick] --out DIR</c>: the claims ledger. Runs the experiments every claim of the report needs (as
/// sweeps under DIR/runs/MODE/, reused and continued when run again), judges each claim with its rule, writes DIR/claims.json
/// atomically and prints a verdict table. A claims file that is not one, or an --out that is a file, is refused before any
/// work and nothing is written. With <c>--slurm</c> the runs are planned into DIR as a Slurm job array instead
/// (<see cref="GridSubmission"/>) and <c>freqlab grid collect DIR</c> writes claims.json.
/// </summary>
internal sealed class ClaimsVerb : IVerb
{
    private readonly Option<bool> _quick = new("--quick") { Description = "Fewer rows and epochs (2 s of signal, 3 seeds, 5 and 15 epochs, no TorchSharp run): a few minutes on 2 cores; labelled QUICK MODE in the output." };
    private readonly Option<string?> _out = SharedOptions.Out("Output folder: claims.json and the runs it used (runs/MODE/EXPERIMENT).");
    private readonly Option<string?> _claims = new("--claims") { Description = "Claims file (default: the report-claims.json built into freqlab).", HelpName = "FILE" };
    private readonly Option<int?> _workers = SharedOptions.Workers($"Experiments run at once (default one per core: {Environment.ProcessorCount}).");
    private readonly Option<double?> _seconds = SharedOptions.Number("--seconds", "Seconds of signal per frequency (overrides the mode's; 10 s = the report's 40,000 rows).", "S");
    private readonly Option<ulong[]?> _seeds = OptionRules.CommaList<ulong>("--init-seed", "Init seeds, comma-separated (overrides the mode's 0,1,2).", "SEED[,SEED…]", "a seed",
        x => ulong.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
    private readonly Option<int[]?> _epochs = new("--epochs")
    {
        Description = "Epochs of the 5-epoch experiments and of the restart, e.g. 5,50 (overrides the mode's).", HelpName = "SHORT,LONG",
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return null;
            var text = r.Tokens[^1].Value;
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var shortEpochs)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var longEpochs))
                return [shortEpochs, longEpochs];
            r.AddError($"--epochs: '{text}' is not SHORT,LONG (e.g. 5,50)");
            return null;
        },
    };
    private readonly Option<bool> _json = SharedOptions.Json("Print claims.json instead of the table.");
    private readonly SlurmOptionSet _slurm = new("the ledger's runs");

    public Command Build()
    {
        var command = new Command("claims", "Test every claim of the report: run the experiments, judge each claim by its rule, write claims.json.");
        foreach (var option in new Option[] { _quick, _out, _claims, _workers, _seconds, _seeds, _epochs, _json }) command.Options.Add(option);
        command.Requires(_out, "--out DIR is required");
        _slurm.AddTo(command, _json);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        using var interrupt = new GracefulInterrupt(ct);
        ct = interrupt.Token;
        var stdout = parse.InvocationConfiguration.Output;
        var folder = parse.GetValue(_out)!;
        if (File.Exists(folder)) throw SettingsFolder.IsFile(folder, "a claims ledger");
        var claims = parse.GetValue(_claims) is { } file ? ReportClaims.Load(file) : ReportClaims.Embedded();
        var settings = Settings(parse);
        // A cluster ledger: the same runs planned into --out (DIR/runs/MODE), trained by Slurm; freqlab grid collect DIR judges.
        if (_slurm.Requested(parse)) return GridSubmission.Plan(parse, _slurm, GridPlan.ForLedger(new LedgerPlan(settings, claims)), folder);
        var ledger = new ClaimsLedger(settings);

        var console = VerbConsole.Live(stdout, minWidth: 220);
        bool json = parse.GetValue(_json);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var runs = ClaimsLedger.RunsRootIn(folder);
        IReadOnlyList<ClaimVerdict> verdicts = json ? ledger.Run(claims, runs, null, ct) : RunWithProgress(console, ledger, claims, runs, ct);
        var path = ClaimsJson.Write(folder, verdicts);
        clock.Stop();
        if (json) stdout.Write(File.ReadAllText(path));
        else
        {
            WriteTable(console, verdicts, settings);
            var counts = string.Join(", ", verdicts.GroupBy(v => v.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Finding.VerdictWord(g.Key)}"));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"claims: {verdicts.Count} ({counts}) in {clock.Elapsed.TotalSeconds:F1} s; {path}"));
        }
        return CliRunner.Ok;
    }

    private LedgerSettings Settings(ParseResult parse)
    {
        var baseSettings = parse.GetValue(_quick) ? FrequencyLab.Scales.StudyScales.Quick.Ledger : LedgerSettings.Full;
        var s = baseSettings with { Workers = parse.GetValue(_workers) ?? Environment.ProcessorCount };
        bool custom = false;
        if (parse.GetValue(_seconds) is { } seconds) { s = s with { Duration = seconds }; custom = true; }
        if (parse.GetList(_seeds) is { } seeds) { s = s with { InitSeeds = seeds }; custom = true; }
        if (parse.GetList(_epochs) is [var shortEpochs, var longEpochs])
        {
            s = s with { ShortEpochs = shortEpochs, LongEpochs = longEpochs, WarmupEpochs = Math.Max(1, Math.Min(s.WarmupEpochs, longEpochs / 2)) };
            custom = true;
        }
        // A custom scale gets its own runs folder, named after it, so it never meets another scale's runs.
        if (custom) s = s with { Mode = string.Create(CultureInfo.InvariantCulture, $"custom-{s.Duration:0.###}s-seeds{string.Join("-", s.InitSeeds)}-e{s.ShortEpochs}-{s.LongEpochs}").Replace('.', 'p') };
        return s.Validate();
    }

    private static IReadOnlyList<ClaimVerdict> RunWithProgress(IAnsiConsole console, ClaimsLedger ledger, IReadOnlyList<ReportClaim> claims, string runs, CancellationToken ct)
    {
        console.WriteLine(ledger.Settings.Label);
        if (!console.Profile.Capabilities.Interactive)
            return ledger.Run(claims, runs, new InlineProgress<ClaimsProgress>(p => { if (p.Finished is { } f) console.WriteLine(F($"[{p.ExperimentsDone}/{p.ExperimentsTotal}] {f} done ({p.RowsPerSecond:F0} rows/s)")); }), ct);
        IReadOnlyList<ClaimVerdict>? verdicts = null;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                verdicts = ledger.Run(claims, runs, new InlineProgress<ClaimsProgress>(p =>
                {
                    if (p.Stage != "training") { task.Description = Markup.Escape(p.Stage); return; }
                    task.MaxValue = Math.Max(p.RowsTotal, 1);
                    task.Value = Math.Min(p.RowsDone, p.RowsTotal);
                    task.Description = Markup.Escape(F($"experiments {p.ExperimentsDone}/{p.ExperimentsTotal}, {p.RowsPerSecond:F0} rows/s"));
                }), ct);
                task.Value = task.MaxValue;
            });
        return verdicts!;
    }

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<ClaimVerdict> verdicts, LedgerSettings settings)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape("Report claims — " + settings.Label));
        foreach (var h in new[] { "claim", "section", "verdict", "evidence (first measurement)" }) table.AddColumn(new TableColumn(h).NoWrap());
        foreach (var v in verdicts)
        {
            var colour = v.Verdict switch { Verdict.Supported => "green", Verdict.Contradicted => "red", _ => "yellow" };
            var first = v.Finding.Measurements.FirstOrDefault();
            var evidence = first?.ToString() ?? "—";
            if (evidence.Length > EvidenceWidth) evidence = evidence[..(EvidenceWidth - 1)] + "…"; // the full evidence is in claims.json
            table.AddRow(Markup.Escape(v.Claim.Id), Markup.Escape(v.Claim.Section), $"[{colour}]{v.Finding.VerdictText}[/]", Markup.Escape(evidence));
        }
        console.Write(table);
    }

    private const int EvidenceWidth = 100;

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
