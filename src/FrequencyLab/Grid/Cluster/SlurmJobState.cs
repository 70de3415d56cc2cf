namespace FrequencyLab.Grid.Cluster;

/// <summary>One job's line of Slurm accounting (<c>sacct --parsable2 --noheader --format=JobID,State,ExitCode</c>).</summary>
/// <param name="JobId">The job, an array element as "ARRAYJOB_TASK" (e.g. "12_3").</param>
/// <param name="State">Slurm's state word: COMPLETED, FAILED, TIMEOUT, CANCELLED (sacct prints "CANCELLED by UID"; the word
/// is kept), NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, RUNNING, PENDING, REQUEUED, …</param>
/// <param name="ExitCode">"EXIT:SIGNAL" as sacct prints it (e.g. "1:0" for exit 1, "0:15" for SIGTERM).</param>
public sealed record SlurmJobState(string JobId, string State, string ExitCode)
{
    /// <summary>Slurm ended the job without it finishing: the states sacct documents as terminal and unsuccessful.</summary>
    public bool IsFailure => State is "FAILED" or "TIMEOUT" or "CANCELLED" or "NODE_FAIL" or "OUT_OF_MEMORY" or "PREEMPTED" or "BOOT_FAIL" or "DEADLINE";

    /// <summary>The jobs of <c>sacct --parsable2 --noheader --format=JobID,State,ExitCode</c> output, by job id: one per job
    /// line; step lines (ID.batch, ID.extern, ID.0) and lines of another shape are skipped. A job listed twice (sacct
    /// --duplicates: a requeued job's earlier runs) keeps its last line, the latest run.</summary>
    public static IReadOnlyDictionary<string, SlurmJobState> Parse(string sacctOutput)
    {
        var jobs = new Dictionary<string, SlurmJobState>(StringComparer.Ordinal);
        foreach (var line in sacctOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[0].Contains('.')) continue;
            var state = parts[1].Split(' ', 2)[0];
            if (state.Length == 0) continue;
            jobs[parts[0]] = new SlurmJobState(parts[0], state, parts[2]);
        }
        return jobs;
    }
}
