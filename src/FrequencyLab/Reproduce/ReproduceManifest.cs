using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;

namespace FrequencyLab.Reproduce;

/// <summary>
/// reproduce.json: marks a folder as a study folder of <c>freqlab reproduce</c> (only such a folder, or an empty one, is
/// written into), with the options it was made with and each stage's last outcome and wall time.
/// </summary>
public sealed record ReproduceManifest
{
    public const string FileName = "reproduce.json";
    public const string FormatName = "freqlab-reproduce";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    /// <summary>The profile's name: a folder made in quick mode is not continued in full mode (nor the reverse).</summary>
    public required string Profile { get; init; }
    public required string Engine { get; init; }
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public StageRecord? Stage(string name) => Stages.FirstOrDefault(s => s.Name == name);

    /// <summary>This manifest with <paramref name="record"/> replacing the stage of the same name (or appended).</summary>
    public ReproduceManifest With(StageRecord record)
    {
        var stages = Stages.Where(s => s.Name != record.Name).ToList();
        int at = Stages.ToList().FindIndex(s => s.Name == record.Name);
        stages.Insert(at < 0 ? stages.Count : at, record);
        return this with { Stages = stages };
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");

    private static readonly JsonSerializerOptions ReadOptions = JsonFile.Strict(JsonOptions);

    /// <summary>Reads a manifest strictly (<see cref="JsonFile"/>): our format name, a profile and an engine, stages with
    /// distinct names, known statuses and non-negative times.</summary>
    /// <exception cref="DataFileException">One line naming the file and the first problem.</exception>
    public static ReproduceManifest Read(string path)
    {
        var m = JsonFile.Read<ReproduceManifest>(path, "reproduce manifest", ReadOptions);
        if (Problem(m) is { } problem) throw JsonFile.Invalid(path, "reproduce manifest", problem);
        return m;
    }

    /// <summary><see cref="Read"/>, or null when the file is not a manifest of ours.</summary>
    public static ReproduceManifest? TryRead(string path)
    {
        try { return Read(path); }
        catch (DataFileException) { return null; }
    }

    private static string? Problem(ReproduceManifest m)
    {
        if (m.Format != FormatName) return $"$.format: not \"{FormatName}\"";
        if (string.IsNullOrWhiteSpace(m.Profile)) return "$.profile: empty";
        if (string.IsNullOrWhiteSpace(m.Engine)) return "$.engine: empty";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < m.Stages.Count; i++)
        {
            var at = $"$.stages[{i}]";
            if (m.Stages[i] is not { } s) return $"{at}: null";
            if (string.IsNullOrWhiteSpace(s.Name) || !seen.Add(s.Name)) return $"{at}.name: empty or given twice";
            if (!Enum.IsDefined(s.Status)) return $"{at}.status: unknown status";
            if (!(s.Seconds >= 0) || !double.IsFinite(s.Seconds)) return $"{at}.seconds: {s.Seconds} is not a duration";
            if (s.CpuSeconds is { } cpu && (!(cpu >= 0) || !double.IsFinite(cpu))) return $"{at}.cpuSeconds: {cpu} is not a duration";
        }
        return null;
    }
}
