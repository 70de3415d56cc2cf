using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FrequencyLab.Cli.Options;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Findings;
using FrequencyLab.Learnability;
using FrequencyLab.Training;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab learnability</c>: the matrix noise model × truncated-BPTT window × reset policy × init seeds
/// (<see cref="LearnabilityMatrix"/>), each cell judged against the bounds its data allows. Resumable: rerunning with the same
/// <c>--out</c> reuses every finished run.
/// </summary>
internal sealed class LearnabilityVerb : IVerb
{
    public Command Build()
    {
        var quick = new Option<bool>("--quick") { Description = "The small labelled matrix (320 rows, H = 16, 3 epochs, L ∈ {1, 40}, 3 seeds): well under a minute." };
        var epochs = new Option<int?>("--epochs") { Description = "Override the epochs per run (full: 5, quick: 3)." };
        var seeds = SharedOptions.Count("--seeds", "Override the number of init seeds (0, 1, …; full: 3, quick: 3).");
        var engine = SharedOptions.Engine($"Engine of every run: {string.Join(" or ", EngineFactory.WindowNames)} (default {LearnabilitySettings.Full.Engine}; the full matrix takes minutes on fused, hours on torch).", EngineFactory.WindowNames);
        var output = SharedOptions.Out("Matrix folder: settings.json, runs/*.json, results.json.");
        var json = SharedOptions.Json("Print the results (one entry per cell) as JSON instead of the table.");
        var workers = SharedOptions.Workers($"Runs trained at once (default one per core: {Environment.ProcessorCount}); the results do not depend on it.");
        var command = new Command("learnability", "Which change makes the task learnable? Noise model × window L × reset × seeds, judged against zero, memoryless and clock bounds.");
        foreach (var o in new Option[] { quick, epochs, seeds, engine, output, workers, json }) command.Options.Add(o);
        command.Requires(output, "--out DIR is required");
        command.SetAction((parse, ct) =>
        {
            using var interrupt = new GracefulInterrupt(ct);
            var settings = FrequencyLab.Scales.StudyScales.For(parse.GetValue(quick)).Learnability;
            if (parse.GetValue(epochs) is { } e) settings = settings with { Epochs = e };
            if (parse.GetValue(engine) is { } name) settings = settings with { Engine = name };
            if (parse.GetValue(seeds) is { } n) settings = settings with { InitSeeds = [.. Enumerable.Range(0, n).Select(i => (ulong)i)] };
            int jobs = parse.GetValue(workers) ?? Environment.ProcessorCount;
            var matrix = new LearnabilityMatrix(settings) { OutputFolder = Path.GetFullPath(parse.GetValue(output)!), Workers = jobs };
            var stdout = parse.InvocationConfiguration.Output;
            bool asJson = parse.GetValue(json);
            var progress = asJson ? null : new LineProgress(stdout);
            var results = matrix.Run(progress, interrupt.Token);
            if (asJson)
            {
                stdout.WriteLine(JsonSerializer.Serialize(results.ToSummary(), LearnabilityResults.JsonOptions));
                return Task.FromResult(CliRunner.Ok);
            }
            WriteTable(stdout, results);
            stdout.WriteLine(LearnabilityFindings.Recommendation(results).Explanation);
            stdout.WriteLine($"results: {matrix.ResultsPath}");
            return Task.FromResult(CliRunner.Ok);
        });
        return command;
    }

    private static void WriteTable(TextWriter w, LearnabilityResults results)
    {
        w.WriteLine($"learnability matrix ({results.Settings.Label}): frozen test MSE, median [min, max] over {results.Settings.InitSeeds.Length} seeds");
        foreach (var b in results.Bounds)
            w.WriteLine($"  {DataNames.Of(b.Noise),-10} bounds: zero {Number.Format(b.ZeroMse)}, best memoryless {Number.Format(b.MemorylessMse)} ({b.MemorylessName}), clock {Number.Format(b.ClockMse)}");
        w.WriteLine($"{"noise",-10} {"L",5} {"reset",-9} {"test MSE",28}  verdict");
        foreach (var c in results.Cells)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DataNames.Of(c.Cell.Noise),-10} {c.Cell.Window,5} {(c.Cell.Reset == ResetPolicy.PerBlock ? "per-block" : "per-epoch"),-9} {$"{Number.Format(c.MedianTestMse)} [{Number.Format(c.MinTestMse)}, {Number.Format(c.MaxTestMse)}]",28}  {LearnabilityRule.Describe(c.Verdict)}"));
    }

    // One line per finished (or reused) run: the matrix can take an hour, so the user sees where it is.
    private sealed class LineProgress(TextWriter w) : IProgress<LearnabilityProgress>
    {
        public void Report(LearnabilityProgress p)
        {
            if (p.Reused) w.WriteLine(p.ToString());
            else if (p.Training is { Phase: TrainingPhase.EpochCompleted, CompletedEpoch: { } e })
                w.WriteLine($"{p}: frozen test MSE {Number.Format(e.FrozenTest.Mse)} ({e.Seconds:0.0} s)");
        }
    }
}
