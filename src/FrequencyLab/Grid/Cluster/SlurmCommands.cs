using System.ComponentModel;
using System.Diagnostics;

namespace FrequencyLab.Grid.Cluster;

/// <summary>
/// The Slurm client commands a cluster grid uses, run as processes (the cluster's own tools; nothing here schedules):
/// <c>sbatch --parsable</c> to submit, <c>squeue</c> to see the array's elements, <c>sacct</c> to tell how an element ended
/// where the cluster keeps accounting. The environment (SLURM_CONF, PATH)
/// is the caller's.
/// </summary>
public static class SlurmCommands
{
    /// <summary>Submits <paramref name="script"/> (with more sbatch options before it, e.g. --array=3 to resubmit one element)
    /// and returns the job id.</summary>
    /// <exception cref="FrequencyLabException">sbatch is missing or refused the script (one line with its message).</exception>
    public static string Submit(string script, params string[] options)
    {
        var (code, stdout, stderr) = Run("sbatch", ["--parsable", .. options, Path.GetFullPath(script)])
            ?? throw new FrequencyLabException("sbatch was not found on PATH: run this on a Slurm login node, or write the script with --slurm-script-only and submit it there");
        if (code != 0)
            throw new FrequencyLabException($"sbatch refused {IO.JsonFile.Printable(script)} (exit {code}): {OneLine(stderr)}");
        // --parsable prints "JOBID" or "JOBID;CLUSTER".
        var id = stdout.Trim().Split(';')[0];
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new FrequencyLabException($"sbatch printed no job id: {OneLine(stdout + stderr)}");
        return id;
    }

    /// <summary>The elements of <paramref name="script"/>'s arrays still in the queue (any job id: the first submission,
    /// a requeue, a resubmitted element), and of the array jobs <paramref name="jobIds"/> (the grid's recorded submissions,
    /// matched by id as well, so a pending element is never missed for a script path Slurm spells another way): task index →
    /// Pending or Running. With --array, squeue lists every element on its own line, pending ones included
    /// (<c>4711|3|PENDING|…</c>). Null when squeue is missing or fails.</summary>
    public static IReadOnlyDictionary<int, GridTaskState>? Queue(string script, IReadOnlyCollection<string>? jobIds = null)
    {
        if (Run("squeue", ["--me", "--noheader", "--array", "--format=%F|%K|%T|%o"]) is not ({ } code, { } stdout, _) || code != 0) return null;
        var path = Path.GetFullPath(script);
        var queue = new Dictionary<int, GridTaskState>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', 4);
            if (parts.Length != 4 || !(parts[3] == path || jobIds?.Contains(parts[0]) == true) || !int.TryParse(parts[1], out int index)) continue;
            var state = parts[2] is "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "STOPPED" or "SIGNALING" or "STAGE_OUT"
                ? GridTaskState.Running : GridTaskState.Pending;
            // An element requeued while its old run is still completing shows twice: running wins.
            queue[index] = queue.TryGetValue(index, out var seen) && seen == GridTaskState.Running ? seen : state;
        }
        return queue;
    }

    /// <summary>Slurm's accounting of <paramref name="jobIds"/> ("ARRAYJOB_TASK"): how each ended (FAILED, TIMEOUT,
    /// CANCELLED, …) with its exit code. Null when sacct is missing or answers with an error (a cluster without accounting
    /// storage: "Slurm accounting storage is disabled"), so the caller falls back to the queue and the run folders.</summary>
    public static IReadOnlyDictionary<string, SlurmJobState>? Accounting(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return null;
        if (Run("sacct", ["--parsable2", "--noheader", "-j", string.Join(',', jobIds), "--format=JobID,State,ExitCode"]) is not ({ } code, { } stdout, _) || code != 0)
            return null;
        return SlurmJobState.Parse(stdout);
    }

    private static string OneLine(string text) => IO.JsonFile.Printable(string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    /// <summary>Runs a client command; null when it is not installed.</summary>
    private static (int Code, string StdOut, string StdErr)? Run(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }
        catch (Win32Exception) { return null; }
    }
}
