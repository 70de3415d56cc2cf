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

    /// <summary>Reads a manifest; null when the file is not one of ours (another format, unreadable JSON).</summary>
    public static ReproduceManifest? TryRead(string path)
    {
        try
        {
            var m = JsonSerializer.Deserialize<ReproduceManifest>(File.ReadAllText(path), JsonOptions);
            return m is { Format: FormatName } ? m : null;
        }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }
    }
}
