using System.Text.Json;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Grid.Cluster;

/// <summary>
/// DIR/slurm/submissions/JOBID.json: one submission of the grid's script — the job id sbatch returned and the array
/// elements it asked for. A task writes its status file only once it starts, so an element cancelled while pending, or one
/// that could not start (no dotnet on the node, a bad partition, a node lost before the command), leaves no trace of its
/// own; this record is what lets <see cref="ClusterGrid.Status"/> ask Slurm about it and say it will not run. One file per
/// submission, written atomically, so two submissions never share a file.
/// </summary>
/// <param name="JobId">The array job id sbatch printed (e.g. "4711"); element I is Slurm's job "4711_I".</param>
/// <param name="Array">The elements submitted, as sbatch's --array spells them ("0-11%3"; "4" for a resubmitted element).</param>
/// <param name="SubmittedUtc">When recorded.</param>
/// <param name="Script">The script submitted.</param>
public sealed record SlurmSubmission(string JobId, string Array, DateTime SubmittedUtc, string Script)
{
    public const string What = "Slurm submission record";

    public static string FolderOf(string gridFolder) => Path.Combine(GridPlan.SlurmFolder(gridFolder), "submissions");

    public static string PathOf(string gridFolder, string jobId) => Path.Combine(FolderOf(gridFolder), $"{jobId}.json");

    /// <summary>The elements submitted.</summary>
    public SlurmArray Elements => SlurmArray.Parse(Array);

    /// <summary>Slurm's name of element <paramref name="index"/> of this submission ("JOBID_I").</summary>
    public string ElementId(int index) => $"{JobId}_{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A Slurm job id: decimal digits (what <c>sbatch --parsable</c> prints before any ";CLUSTER").</summary>
    public static bool IsJobId(string s) => s.Length is > 0 and <= 18 && s.All(char.IsAsciiDigit);

    public static void Write(string gridFolder, SlurmSubmission submission)
    {
        Check(submission, PathOf(gridFolder, submission.JobId), submission.JobId);
        AtomicFile.WriteAllText(PathOf(gridFolder, submission.JobId), JsonSerializer.Serialize(submission, HistoryJson.Options));
    }

    /// <summary>Every recorded submission of the grid, strictly read, newest last (Slurm numbers jobs in the order they are
    /// submitted); none when nothing was submitted through freqlab (e.g. a grid planned with --slurm-script-only).</summary>
    /// <exception cref="DataFileException">One line naming a file that is not a submission record of its name.</exception>
    public static IReadOnlyList<SlurmSubmission> ReadAll(string gridFolder)
    {
        var folder = FolderOf(gridFolder);
        if (!Directory.Exists(folder)) return [];
        var all = new List<SlurmSubmission>();
        // AtomicFile's temporary files start with '.' and end in .tmp: not matched.
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Where(p => !Path.GetFileName(p).StartsWith('.')))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!IsJobId(name)) throw JsonFile.Invalid(path, What, "the file name must be JOBID.json (the job id sbatch printed)");
            var submission = JsonFile.Read<SlurmSubmission>(path, What, HistoryJson.ReadOptions);
            Check(submission, path, name);
            all.Add(submission);
        }
        return [.. all.OrderBy(s => s.JobId.Length).ThenBy(s => s.JobId, StringComparer.Ordinal)];
    }

    /// <summary>The newest of <paramref name="submissions"/> (ordered as <see cref="ReadAll"/> returns them) that has
    /// element <paramref name="index"/>: a resubmission of one element supersedes the array submitted before it.</summary>
    public static SlurmSubmission? NewestCovering(IReadOnlyList<SlurmSubmission> submissions, int index) =>
        submissions.LastOrDefault(s => s.Elements.Covers(index));

    private static void Check(SlurmSubmission s, string path, string name)
    {
        if (!IsJobId(s.JobId)) throw JsonFile.Invalid(path, What, "$.jobId: not a Slurm job id (decimal digits)");
        if (s.JobId != name) throw JsonFile.Invalid(path, What, $"$.jobId: {s.JobId}, not the {name} of its file name");
        if (SlurmArray.TryParse(s.Array, out var problem) is null) throw JsonFile.Invalid(path, What, $"$.array: not a Slurm array spec: {problem}");
        if (string.IsNullOrWhiteSpace(s.Script)) throw JsonFile.Invalid(path, What, "$.script: empty");
    }
}
