using System.CommandLine;
using FrequencyLab.Grid.Cluster;

namespace FrequencyLab.Cli.Options;

/// <summary>
/// The flags that plan a grid for a Slurm cluster, one set for every grid verb (<c>sweep</c>, <c>claims</c>,
/// <c>learnability</c>): <c>--slurm</c>, <c>--slurm-script-only</c>, and the sbatch options (<c>--partition --time
/// --cpus-per-task --max-parallel --sbatch-arg</c>), each allowed only with <c>--slurm</c> (docs/grid.md, "Cluster grids").
/// </summary>
internal sealed class SlurmOptionSet
{
    public Option<bool> Slurm { get; }
    public Option<bool> ScriptOnly { get; } = new("--slurm-script-only") { Description = "With --slurm: write the plan and the script, do not submit." };
    public Option<string?> Partition { get; } = new Option<string?>("--partition") { Description = "With --slurm: sbatch --partition.", HelpName = "P" }
        .Matches(SlurmOptions.IsPartition, "a partition name");
    public Option<string?> Time { get; } = new Option<string?>("--time") { Description = "With --slurm: sbatch --time per task (MM, HH:MM:SS, D-HH:MM, …).", HelpName = "T" }
        .Matches(SlurmOptions.IsTime, "a Slurm time (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS)");
    public Option<int?> CpusPerTask { get; } = SharedOptions.Count("--cpus-per-task", "With --slurm: cores per task, also its workers (default 1).");
    public Option<int?> MaxParallel { get; } = SharedOptions.Count("--max-parallel", "With --slurm: tasks running at once (the array's %K; default: as the cluster allows).", "K");
    public Option<string[]> SbatchArgs { get; } = new Option<string[]>("--sbatch-arg") { Description = "With --slurm: one more #SBATCH option, e.g. --sbatch-arg=--account=abc (repeatable).", HelpName = "ARG", AllowMultipleArgumentsPerToken = false }
        .Matches(SlurmOptions.IsSbatchArg, "an sbatch option (--name or --name=value, no blanks or quotes)");

    /// <param name="what">What the verb plans, for --slurm's help: "the sweep", "the ledger's runs", "the matrix's runs".</param>
    public SlurmOptionSet(string what) =>
        Slurm = new("--slurm") { Description = $"Plan {what} into --out as a Slurm job array (one task per distinct run), write --out/slurm/grid.sbatch and submit it with sbatch; watch with freqlab grid status, then freqlab grid collect." };

    private IEnumerable<Option> WithSlurm => [ScriptOnly, Partition, Time, CpusPerTask, MaxParallel, SbatchArgs];

    /// <summary>Adds the set to <paramref name="command"/>; every flag but --slurm needs --slurm (exit 2 otherwise), and the
    /// verb's <paramref name="json"/> is refused with --slurm (planning prints no results).</summary>
    public void AddTo(Command command, Option<bool> json)
    {
        command.Options.Add(Slurm);
        command.NotTogether(json, Slurm);
        foreach (var option in WithSlurm)
        {
            command.Options.Add(option);
            command.OnlyWith(option, Slurm);
        }
    }

    public bool Requested(ParseResult parse) => parse.GetValue(Slurm);

    /// <summary>The sbatch options given.</summary>
    public SlurmOptions Read(ParseResult parse) =>
        new(parse.GetValue(Partition), parse.GetValue(Time), parse.GetValue(CpusPerTask), parse.GetValue(MaxParallel), parse.GetValue(SbatchArgs) ?? []);
}
