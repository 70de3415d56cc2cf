using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Cli;

/// <summary>
/// Every verb refuses a bad flag or flag value the same way: exit 2, one <c>freqlab: error:</c> line naming the flag, nothing
/// on stdout and nothing written. {OUT} in a row is replaced by a path in a fresh temporary folder, which must not exist
/// afterwards. The rows are what the option layer judges alone (parse, names, lists, counts, finiteness, conflicts,
/// required flags); a config's own rules (lr 0, epochs 0) stay exit 1 and are tested with each verb.
/// </summary>
public class BadFlagValueTests
{
    public static TheoryData<string, string[]> Rows => new()
    {
        { "--bogus", ["generate", "--out", "{OUT}.npy", "--bogus"] },
        { "--order: 'random'", ["generate", "--out", "{OUT}.npy", "--order", "random"] },
        { "--seed", ["generate", "--out", "{OUT}.npy", "--seed", "-1"] },
        { "--duration NaN must be a finite number", ["generate", "--out", "{OUT}.npy", "--duration", "NaN"] },
        { "--frequencies: 'x'", ["generate", "--out", "{OUT}.npy", "--frequencies", "1,x"] },
        { "--noise-std Infinity must be a finite number", ["generate", "--out", "{OUT}.npy", "--noise", "additive", "--noise-std", "Infinity"] },
        { "--out", ["generate"] },
        { "--test and --test-seed cannot be used together", ["validate", "{OUT}.npy", "--test", "{OUT}.npy", "--test-seed", "2"] },
        { "--fs NaN must be a finite number", ["validate", "{OUT}.npy", "--fs", "NaN"] },
        { "--engine: unknown engine 'bogus'", ["train", "--out", "{OUT}", "--engine", "bogus"] },
        { "--lr", ["train", "--out", "{OUT}", "--lr", "abc"] },
        { "--lr NaN must be a finite number", ["train", "--out", "{OUT}", "--lr", "NaN"] },
        { "--noise-std -Infinity must be a finite number", ["train", "--out", "{OUT}", "--noise", "additive", "--noise-std", "-Infinity"] },
        { "--reset: 'sometimes' is not one of", ["train", "--out", "{OUT}", "--reset", "sometimes"] },
        { "--clip: 'big' is not a number or 'none'", ["train", "--out", "{OUT}", "--clip", "big"] },
        { "--out RUN_DIR is required", ["train", "--epochs", "1"] },
        { "--lr: 'abc' is not a finite number", ["sweep", "--out", "{OUT}", "--lr", "abc"] },
        { "--lr: empty item in '1e-3,,1e-4'", ["sweep", "--out", "{OUT}", "--lr", "1e-3,,1e-4"] },
        { "--init-seed: '-1' is not a seed", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--init-seed", "-1"] },
        { "--reset: 'sometimes' is not one of", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--reset", "sometimes"] },
        { "--order: 'random' is not one of", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--order", "random"] },
        { "--engine: unknown engine 'cuda'", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--engine", "cuda"] },
        { "--workers 0 must be at least 1", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--workers", "0"] },
        { "--out SWEEP_DIR is required", ["sweep", "--lr", "1e-3"] },
        { "--lr is required", ["sweep", "--out", "{OUT}"] },
        { "--target", ["predict", "{OUT}.csv", "--target", "abc"] },
        { "--target -1 must be a positive number", ["predict", "{OUT}.csv", "--target", "-1"] },
        { "--horizon 0 must be at least 1", ["predict", "{OUT}.csv", "--target", "0.01", "--horizon", "0"] },
        { "--horizon 100001 is beyond 100,000 epochs", ["predict", "{OUT}.csv", "--target", "0.01", "--horizon", "100001"] },
        { "--replicates 10 must be at least 20", ["predict", "{OUT}.csv", "--target", "0.01", "--replicates", "10"] },
        { "--replicates 100000 is more than 10,000", ["predict", "{OUT}.csv", "--target", "0.01", "--replicates", "100000"] },
        { "--metric: 'loss' is not one of train, test", ["predict", "{OUT}.csv", "--target", "0.01", "--metric", "loss"] },
        { "--level", ["predict", "{OUT}.csv", "--target", "0.01", "--level", "1.5"] },
        { "--bogus", ["diagnose", "{OUT}.json", "--bogus"] },
        { "--only: 'cuda' is not one of", ["bench", "--only", "cuda"] },
        { "--steps 0 must be at least 1", ["bench", "--steps", "0"] },
        { "--models 0 must be at least 1", ["bench", "--models", "0"] },
        { "--window 0 must be at least 1", ["bench", "--window", "0"] },
        { "--warmup-seconds NaN must be a finite number", ["bench", "--warmup-seconds", "NaN"] },
        { "--pytorch-timeout 0 must be a positive number", ["bench", "--pytorch-timeout", "0"] },
        { "--steps and --full cannot be used together", ["bench", "--steps", "10", "--full"] },
        { "--param: parameter 'noequals': expected name=value", ["notebooks", "run", "{OUT}.ipynb", "--out", "{OUT}", "--param", "noequals"] },
        { "--param: parameter 'class': not a C# variable name", ["notebooks", "run", "{OUT}.ipynb", "--out", "{OUT}", "--param", "class=1"] },
        { "--cell-timeout 0 must be a positive number", ["notebooks", "run", "{OUT}.ipynb", "--out", "{OUT}", "--cell-timeout", "0"] },
        { "--out DIR is required", ["notebooks", "run", "{OUT}.ipynb"] },
        { "--out DIR is required", ["claims", "--quick"] },
        { "--epochs: '5' is not SHORT,LONG", ["claims", "--out", "{OUT}", "--epochs", "5"] },
        { "--init-seed: 'x' is not a seed", ["claims", "--out", "{OUT}", "--init-seed", "0,x"] },
        { "--seconds NaN must be a finite number", ["claims", "--out", "{OUT}", "--seconds", "NaN"] },
        { "--workers 0 must be at least 1", ["claims", "--out", "{OUT}", "--workers", "0"] },
        { "--engine: unknown engine 'cuda'", ["lr-find", "--engine", "cuda", "--out", "{OUT}"] },
        { "--order: 'random' is not one of", ["lr-find", "--order", "random", "--out", "{OUT}"] },
        { "--start Infinity must be a finite number", ["lr-find", "--start", "Infinity", "--out", "{OUT}"] },
        { "--engine: unknown engine 'cuda'", ["learnability", "--out", "{OUT}", "--engine", "cuda"] },
        { "--seeds 0 must be at least 1", ["learnability", "--out", "{OUT}", "--seeds", "0"] },
        { "--workers -3 must be at least 1", ["learnability", "--out", "{OUT}", "--workers", "-3"] },
        { "--out DIR is required", ["learnability", "--quick"] },
        { "--engine: unknown engine 'cuda'", ["reproduce", "--out", "{OUT}", "--engine", "cuda"] },
        { "--workers 0 must be at least 1", ["reproduce", "--out", "{OUT}", "--jobs", "0"] }, // --jobs: the alias of --workers, reported by its one name
        { "--quick and --tiny cannot be used together", ["reproduce", "--out", "{OUT}", "--quick", "--tiny"] },
        { "--index I is required", ["grid", "run-task", "{OUT}"] },
        { "--index -1 must be at least 0", ["grid", "run-task", "{OUT}", "--index", "-1"] },
        { "--workers 0 must be at least 1", ["grid", "run-task", "{OUT}", "--index", "0", "--workers", "0"] },
        { "--time: '1:2:3:4' is not a Slurm time", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--slurm", "--time", "1:2:3:4"] },
        { "--max-parallel 0 must be at least 1", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--slurm", "--max-parallel", "0"] },
        { "--partition needs --slurm", ["sweep", "--out", "{OUT}", "--lr", "1e-3", "--partition", "debug"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Bad_flag_value_is_exit_2_one_line_and_nothing_written(string expected, string[] args)
    {
        using var dir = new TempDir();
        var output = dir.File("out");
        var r = Freqlab.Run([.. args.Select(a => a.Replace("{OUT}", output, StringComparison.Ordinal))]);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdErr}");
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", r.StdOut);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Every_verb_has_a_row()
    {
        var verbs = FrequencyLab.Cli.CliRunner.BuildRoot().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal);
        var covered = Rows.Select(row => ((string[])row[1])[0]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(verbs, covered);
    }
}
