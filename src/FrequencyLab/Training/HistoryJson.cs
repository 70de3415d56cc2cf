using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;

namespace FrequencyLab.Training;

/// <summary>Reads and writes <see cref="TrainingHistory"/> (history.json) and <see cref="TrainingConfig"/> as JSON.</summary>
/// <remarks>camelCase names, enums as camelCase strings, NaN and ±Infinity as the literals "NaN", "Infinity", "-Infinity".
/// Files are written atomically.</remarks>
public static class HistoryJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>The same conventions on one line (checkpoint metadata).</summary>
    public static JsonSerializerOptions CompactOptions { get; } = CreateOptions(indented: false);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static string Serialize(TrainingHistory history) => JsonSerializer.Serialize(history, Options);

    public static string Serialize(TrainingConfig config) => JsonSerializer.Serialize(config, Options);

    public static TrainingHistory DeserializeHistory(string json, string source = "history")
    {
        TrainingHistory? h;
        try { h = JsonSerializer.Deserialize<TrainingHistory>(json, Options); }
        catch (JsonException e) { throw new DataFileException(source, $"not a valid history ({FirstLine(e.Message)})"); }
        if (h is null) throw new DataFileException(source, "empty history");
        if (h.SchemaVersion != TrainingHistory.CurrentSchemaVersion)
            throw new DataFileException(source, $"history schema version {h.SchemaVersion} is not supported (expected {TrainingHistory.CurrentSchemaVersion})");
        return h;
    }

    public static TrainingConfig DeserializeConfig(string json, string source = "config")
    {
        TrainingConfig? c;
        try { c = JsonSerializer.Deserialize<TrainingConfig>(json, Options); }
        catch (JsonException e) { throw new DataFileException(source, $"not a valid training config ({FirstLine(e.Message)})"); }
        return c ?? throw new DataFileException(source, "empty training config");
    }

    public static void Write(string path, TrainingHistory history) => AtomicFile.WriteAllText(path, Serialize(history));

    public static TrainingHistory Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "no such file");
        return DeserializeHistory(File.ReadAllText(path), path);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
