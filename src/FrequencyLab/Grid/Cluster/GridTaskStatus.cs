using System.Text.Json;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Grid.Cluster;

/// <summary>
/// DIR/slurm/tasks/task-I.json: what one task last recorded about itself. One file per task, written atomically by that
/// task only, so concurrent tasks never share a file; the collector reads the run folders, not these.
/// </summary>
/// <param name="Index">The task.</param>
/// <param name="State">Its state when written.</param>
/// <param name="Attempt">1 for the first start, then one more per restart (requeue, resubmission).</param>
/// <param name="JobId">Slurm's array job id and task (e.g. "12_3") when run by Slurm.</param>
/// <param name="Log">The Slurm log of this task (DIR/slurm/A_a.log) when run by Slurm.</param>
/// <param name="UpdatedUtc">When written.</param>
/// <param name="Message">Why it failed or stopped, one line.</param>
public sealed record GridTaskStatus(int Index, GridTaskState State, int Attempt, string? JobId, string? Log, DateTime UpdatedUtc, string? Message)
{
    public static string PathOf(string gridFolder, int index) => Path.Combine(GridPlan.SlurmFolder(gridFolder), "tasks", $"task-{index}.json");

    public static void Write(string gridFolder, GridTaskStatus status)
    {
        var path = PathOf(gridFolder, status.Index);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(status, HistoryJson.Options));
    }

    /// <summary>The task's status file, strictly read; null when it has none yet.</summary>
    /// <exception cref="DataFileException">One line: the file is not a status of this task.</exception>
    public static GridTaskStatus? Read(string gridFolder, int index)
    {
        var path = PathOf(gridFolder, index);
        if (!File.Exists(path)) return null;
        var status = JsonFile.Read<GridTaskStatus>(path, "grid task status", HistoryJson.ReadOptions);
        if (status.Index != index) throw JsonFile.Invalid(path, "grid task status", $"$.index: {status.Index}, not {index}");
        if (!Enum.IsDefined(status.State)) throw JsonFile.Invalid(path, "grid task status", "$.state: unknown state");
        if (status.Attempt < 1) throw JsonFile.Invalid(path, "grid task status", $"$.attempt: {status.Attempt} must be at least 1");
        return status;
    }
}
