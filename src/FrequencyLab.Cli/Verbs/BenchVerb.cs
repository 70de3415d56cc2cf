using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Bench;
using FrequencyLab.Cli.Options;
using FrequencyLab.Training;
using Spectre.Console;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab bench</c>: the engines side by side on the same rows — TorchSharp, fused (1 model, 1 core), fused sweep
/// (K models on all cores) and PyTorch (scripts/bench_pytorch.py with /usr/bin/python3, when present); then the same three
/// single-model loops by truncated BPTT over windows of L rows (default 100), compared with each other. Each .NET row runs
/// in its own child process (<c>freqlab bench --only ENGINE --json</c>) so that its peak working set is its own; the issue's
/// targets are printed next to the measured values, as a report.
/// </summary>
internal sealed class BenchVerb : IVerb
{
    private readonly Option<int?> _steps = SharedOptions.Count("--steps", "Timed steps per model and engine (default 4000).");
    private readonly Option<bool> _full = new("--full") { Description = "Time a full epoch: 40,000 steps per model and engine." };
    private readonly Option<int?> _models = SharedOptions.Count("--models", "Models in the fused-sweep row (default 32).");
    private readonly Option<int?> _workers = SharedOptions.Workers($"Threads of the fused-sweep row (default one per core: {Environment.ProcessorCount}).");
    private readonly Option<double?> _warmup = new Option<double?>("--warmup-seconds") { Description = "Untimed warm-up per row (default 1 s).", HelpName = "S" }.Finite();
    private readonly Option<int?> _window = SharedOptions.Count("--window", "Rows per window of the truncated-BPTT rows (default 100; must divide 40,000).", "L");
    private readonly Option<string?> _only = new Option<string?>("--only") { Description = $"Measure one row in this process and print it as JSON ({string.Join(", ", BenchEngines.All)}).", HelpName = "ENGINE" }.OneOf(BenchEngines.All);
    private readonly Option<bool> _inProcess = new("--in-process") { Description = "Measure every .NET row in this process (no child processes; the peak working set is then shared)." };
    private readonly Option<string?> _script = new("--pytorch-script") { Description = "The PyTorch script (default scripts/bench_pytorch.py of this checkout).", HelpName = "FILE" };
    private readonly Option<double?> _timeout = new Option<double?>("--pytorch-timeout")
    {
        Description = $"Seconds a PyTorch row may take before its script is killed (default {BenchSuite.DefaultPyTorchTimeout.TotalSeconds:0}).", HelpName = "S",
    }.Positive();
    private readonly Option<bool> _json = SharedOptions.Json("Print the report as JSON.");

    public Command Build()
    {
        var command = new Command("bench", "Speed of each engine side by side on the same rows (steps/s, s per epoch, bytes per step, peak working set).");
        foreach (var o in new Option[] { _steps, _full, _models, _workers, _warmup, _window, _only, _inProcess, _script, _timeout, _json }) command.Options.Add(o);
        command.NotTogether(_steps, _full);
        command.SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
        return command;
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var settings = new BenchSettings(
            Steps: parse.GetValue(_full) ? 40_000 : parse.GetValue(_steps) ?? 4_000,
            Models: parse.GetValue(_models) ?? 32,
            Workers: parse.GetValue(_workers),
            WarmupSeconds: parse.GetValue(_warmup) ?? 1.0,
            Window: parse.GetValue(_window) ?? 100).Validate();
        var script = parse.GetValue(_script) is { } s ? Path.GetFullPath(s) : FindScript();
        // A script the user named must exist; only the default one may be absent (the PyTorch row is then "not available").
        if (parse.GetValue(_script) is not null && !File.Exists(script)) throw new DataFileException(script!, "file not found");

        var timeout = parse.GetValue(_timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : BenchSuite.DefaultPyTorchTimeout;

        if (parse.GetValue(_only) is { } only)
        {
            var row = only is BenchEngines.PyTorch or BenchEngines.PyTorchWindow
                ? PyTorch(settings, script, timeout, ct, windowed: only == BenchEngines.PyTorchWindow)
                : BenchSuite.Measure(only, settings, ct);
            stdout.WriteLine(JsonSerializer.Serialize(row, HistoryJson.CompactOptions));
            return CliRunner.Ok;
        }

        var machine = BenchMachine.Capture();
        bool inProcess = parse.GetValue(_inProcess);
        var rows = new List<BenchRow>();
        foreach (var engine in new[] { BenchEngines.TorchSharp, BenchEngines.Fused, BenchEngines.FusedSweepOneCore, BenchEngines.FusedSweep, BenchEngines.FusedBatch })
            rows.Add(inProcess ? BenchSuite.Measure(engine, settings, ct) : Child(engine, settings, ct));
        rows.Add(PyTorch(settings, script, timeout, ct));
        foreach (var engine in new[] { BenchEngines.TorchSharpWindow, BenchEngines.FusedWindow })
            rows.Add(inProcess ? BenchSuite.Measure(engine, settings, ct) : Child(engine, settings, ct));
        rows.Add(PyTorch(settings, script, timeout, ct, windowed: true));
        var report = BenchSuite.Assemble(machine, settings, rows);

        if (parse.GetValue(_json)) stdout.WriteLine(JsonSerializer.Serialize(report, HistoryJson.Options));
        else Print(stdout, report, inProcess);
        return CliRunner.Ok;
    }

    private static BenchRow PyTorch(BenchSettings settings, string? script, TimeSpan timeout, CancellationToken ct, bool windowed = false) => script is null
        ? BenchRow.NotAvailable(windowed ? BenchEngines.PyTorchWindow : BenchEngines.PyTorch, "PyTorch (scripts/bench_pytorch.py)", $"{ScriptRelativePath} not found next to or above the freqlab binary; pass --pytorch-script", settings.EpochRows)
        : BenchSuite.MeasurePyTorch(settings, script, BenchSuite.DefaultPython, ct, windowed, timeout);

    /// <summary>Runs <c>freqlab bench --only ENGINE --json</c> in a fresh process and reads its row.</summary>
    private static BenchRow Child(string engine, BenchSettings settings, CancellationToken ct)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(self);
        ProcessStartInfo psi;
        if (name == "freqlab") psi = new ProcessStartInfo(self);
        else
        {
            // Under `dotnet freqlab.dll` or a test host: run the same freqlab.dll with the same dotnet host.
            var host = name == "dotnet" ? self : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            psi = new ProcessStartInfo(host);
            psi.ArgumentList.Add(typeof(BenchVerb).Assembly.Location);
        }
        foreach (var a in new[] { "bench", "--only", engine, "--steps", I(settings.Steps), "--models", I(settings.Models),
                     "--workers", I(settings.EffectiveWorkers), "--window", I(settings.Window), "--warmup-seconds", settings.WarmupSeconds.ToString("R", CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var p = Process.Start(psi) ?? throw new FrequencyLabException($"could not start {psi.FileName}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try { p.WaitForExitAsync(ct).GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw; }
        if (p.ExitCode != 0)
        {
            var err = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {p.ExitCode}";
            return BenchRow.NotAvailable(engine, engine, $"child process failed: {err}", settings.EpochRows);
        }
        try
        {
            return JsonSerializer.Deserialize<BenchRow>(stdout.Result.Trim().Split('\n')[^1], HistoryJson.Options)
                ?? throw new FrequencyLabException($"bench: the {engine} child printed no row");
        }
        catch (JsonException e)
        {
            throw new FrequencyLabException($"bench: the {engine} child printed no row ({e.Message})");
        }
    }

    private static void Print(TextWriter stdout, BenchReport report, bool inProcess)
    {
        var console = VerbConsole.Styled(stdout, minWidth: 200);
        var m = report.Machine;
        console.WriteLine(F($"machine: {m.Cores} cores, {m.Cpu ?? "cpu ?"}, load average {(m.LoadAverage is { } l ? l.ToString("F1", CultureInfo.InvariantCulture) : "?")} at start; {m.Runtime}; {report.Settings.Steps} timed steps per model"));
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in new[] { "engine", "models×threads", "steps/s", "cores used", "steps/CPU-s", "CPU-s/epoch", "× TorchSharp", "× PyTorch", "bytes/step", "peak WS" })
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap());
        foreach (var (r, c) in report.Rows.Zip(report.Comparisons))
        {
            if (!r.Available)
            {
                table.AddRow(r.Engine, "", Markup.Escape("not available: " + r.Reason), "", "", "", "", "", "", "");
                continue;
            }
            table.AddRow(r.Engine, F($"{r.Models}×{r.Workers}"), F($"{r.StepsPerSecond:N0}"), F($"{r.CoresUsed:F2}"), F($"{r.StepsPerCpuSecond:N0}"), F($"{r.EpochCpuSeconds:F2}"),
                X(c.VsTorchSharp), X(c.VsPyTorch), r.AllocatedBytesPerStep is { } b ? F($"{b:F0}") : "n/a", r.PeakWorkingSetBytes is { } ws ? F($"{ws / 1048576.0:F0} MB") : "n/a");
        }
        console.Write(table);
        console.WriteLine("steps/s: model-steps per wall second; cores used: CPU seconds per wall second; steps/CPU-s and the × columns: per CPU second of the stepping thread(s), the rate the code runs at when it has a core (the machine may be shared); CPU-s/epoch: CPU seconds of one model for a 40,000-row epoch.");
        console.WriteLine(F($"the *-window rows: truncated BPTT over windows of L = {report.Settings.Window} rows (one loss, one backward, one optimizer step per window); their steps are training rows ({report.Settings.WindowedSteps} timed), and their × columns compare them with the windowed TorchSharp and PyTorch rows."));
        console.WriteLine(inProcess
            ? "peak WS: process-wide peak after each row (--in-process: rows share one process, so later rows include earlier ones)."
            : "peak WS: peak resident set of a process that ran only that row (runtime, libraries, the 40,000 rows and the models).");
        var targets = new Table().Border(TableBorder.Simple).Title("the issue's targets (a report, not a test)");
        foreach (var h in new[] { "target", "goal", "measured", "met" }) targets.AddColumn(new TableColumn(h).NoWrap());
        foreach (var t in report.Targets)
            targets.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Target), t.Measured is { } v ? F($"{v:G4} {t.Unit}") : "—",
                t.Met switch { true => "met", false => "NOT met", null => "not measured" });
        console.Write(targets);
        foreach (var t in report.Targets) console.WriteLine($"  {t.Name}: {t.Note}");
    }

    /// <summary>Where the default PyTorch script is looked for, relative to a folder.</summary>
    internal const string ScriptRelativePath = "scripts/bench_pytorch.py";

    /// <summary>scripts/bench_pytorch.py shipped next to the binary (the build copies it into the output), else the one of
    /// the checkout the binary was built in (searched upwards from the binary).</summary>
    internal static string? FindScript(string? baseDirectory = null)
    {
        for (var dir = new DirectoryInfo(baseDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ScriptRelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string X(double? ratio) => ratio is { } r ? F($"{r:F1}×") : "—";
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
