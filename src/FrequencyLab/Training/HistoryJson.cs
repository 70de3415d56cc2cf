using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;

namespace FrequencyLab.Training;

/// <summary>Reads and writes <see cref="TrainingHistory"/> (history.json) and <see cref="TrainingConfig"/> as JSON.</summary>
/// <remarks>camelCase names, enums as camelCase strings, NaN and ±Infinity as the literals "NaN", "Infinity", "-Infinity".
/// Files are written atomically. Reads are strict (<see cref="JsonFile"/>: no duplicate or unknown keys, no null where a
/// value is required, enums by name only) and then checked for meaning (<see cref="FirstProblem(TrainingHistory)"/>): any
/// file gives a value or one <see cref="DataFileException"/> line.</remarks>
public static class HistoryJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>The same conventions on one line (checkpoint metadata).</summary>
    public static JsonSerializerOptions CompactOptions { get; } = CreateOptions(indented: false);

    /// <summary>The strict reading of <see cref="Options"/> (<see cref="JsonFile.Strict"/>).</summary>
    public static JsonSerializerOptions ReadOptions { get; } = JsonFile.Strict(Options);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        // Names only: an integer would read as an enum value no member has.
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static string Serialize(TrainingHistory history) => JsonSerializer.Serialize(history, Options);

    public static string Serialize(TrainingConfig config) => JsonSerializer.Serialize(config, Options);

    public static TrainingHistory DeserializeHistory(string json, string source = "history")
    {
        var h = JsonFile.Parse<TrainingHistory>(json, source, "history", ReadOptions);
        return Checked(h, source);
    }

    public static TrainingConfig DeserializeConfig(string json, string source = "config") =>
        CheckedConfig(JsonFile.Parse<TrainingConfig>(json, source, "training config", ReadOptions), source);

    public static void Write(string path, TrainingHistory history) => AtomicFile.WriteAllText(path, Serialize(history));

    public static TrainingHistory Read(string path) => Checked(JsonFile.Read<TrainingHistory>(path, "history", ReadOptions), path);

    /// <summary>Reads a config.json strictly and validates it.</summary>
    public static TrainingConfig ReadConfig(string path) =>
        CheckedConfig(JsonFile.Read<TrainingConfig>(path, "training config", ReadOptions), path);

    private static TrainingHistory Checked(TrainingHistory h, string source)
    {
        if (h.SchemaVersion != TrainingHistory.CurrentSchemaVersion)
            throw new DataFileException(JsonFile.Printable(source), $"history schema version {h.SchemaVersion} is not supported (expected {TrainingHistory.CurrentSchemaVersion})");
        if (FirstProblem(h) is { } problem) throw JsonFile.Invalid(source, "history", problem);
        return h;
    }

    private static TrainingConfig CheckedConfig(TrainingConfig c, string source)
    {
        if (ConfigProblem(c) is { } problem) throw JsonFile.Invalid(source, "training config", problem);
        return c;
    }

    // A stored config is read as a record of what ran: its engine may be one this build cannot make (the tests' reference
    // engine, an engine of another build). Whether it can be trained on is judged where it is (train --resume validates the
    // config it resumes with; StatefulTrainer validates its own).
    private static string? ConfigProblem(TrainingConfig c)
    {
        try { c.Validate(ownEngine: true); return null; }
        catch (FrequencyLabException e) { return e.Message; }
        catch (ArgumentException e) { return e.Message; }
    }

    /// <summary>The first thing in <paramref name="h"/> that no run can have written (one line), or null: a valid config;
    /// epochs numbered 1, 2, 3, …; losses and MSEs that are non-negative (NaN and +∞ are a diverged run's); one per-frequency
    /// value per frequency; positive learning rates; non-negative counts and times; known enum values.</summary>
    public static string? FirstProblem(TrainingHistory h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (ConfigProblem(h.Config) is { } config) return $"$.config: {config}";
        if ((h.Config.InputScaling == InputScaling.Standardize) != (h.InputScale is not null))
            return h.InputScale is null ? "$.inputScale: missing, but the config standardises its input" : "$.inputScale: given, but the config does not scale its input";
        if (h.InputScale is { } scale && !(double.IsFinite(scale.Mean) && scale.Std > 0 && double.IsFinite(scale.Std)))
            return $"$.inputScale: mean {scale.Mean}, std {scale.Std} (needs a finite mean and a positive std)";
        int k = h.Config.Data.Spec.FrequencyCount;
        foreach (var (name, p) in new[] { ("trainData", h.TrainData), ("testData", h.TestData) })
            if (p.Rows < 0) return $"$.{name}.rows: {p.Rows} is negative";
        if (!Enum.IsDefined(h.Stop)) return $"$.stop: unknown stop reason {(int)h.Stop}";
        for (int i = 0; i < h.Epochs.Count; i++)
        {
            var e = h.Epochs[i];
            var at = $"$.epochs[{i}]";
            if (e is null) return $"{at}: null";
            if (e.Epoch != i + 1) return $"{at}.epoch: {e.Epoch}, expected {i + 1} (epochs are numbered 1, 2, 3, … in order)";
            if (Loss(e.TrainLoss) is { } l) return $"{at}.trainLoss: {l}";
            if (Losses(e.TrainLossPerFrequency, k) is { } lf) return $"{at}.trainLossPerFrequency: {lf}";
            foreach (var (name, f) in new[] { ("frozenTrain", e.FrozenTrain), ("frozenTest", e.FrozenTest) })
            {
                if (f is null) return $"{at}.{name}: null";
                if (Loss(f.Mse) is { } m) return $"{at}.{name}.mse: {m}";
                if (Losses(f.MsePerFrequency, k) is { } mf) return $"{at}.{name}.msePerFrequency: {mf}";
            }
            if (!(e.LearningRate > 0) || !double.IsFinite(e.LearningRate)) return $"{at}.learningRate: {e.LearningRate} is not a positive number";
            if (e.LastStepLearningRate < 0 || double.IsInfinity(e.LastStepLearningRate)) return $"{at}.lastStepLearningRate: {e.LastStepLearningRate} is not a learning rate";
            if (e.GradientNorm is null) return $"{at}.gradientNorm: null";
            if (e.GradientNorm.Steps < 0 || !(e.GradientNorm.FractionClipped is >= 0 and <= 1))
                return $"{at}.gradientNorm: {e.GradientNorm.Steps} steps, fraction clipped {e.GradientNorm.FractionClipped}";
            if (e.Rows < 0) return $"{at}.rows: {e.Rows} is negative";
            if (!(e.Seconds >= 0) || !double.IsFinite(e.Seconds)) return $"{at}.seconds: {e.Seconds} is not a duration";
            for (int j = 0; j < e.Events.Count; j++)
                if (e.Events[j] is not { } ev || !Enum.IsDefined(ev.Kind) || ev.Values is null) return $"{at}.events[{j}]: not an event";
        }
        for (int i = 0; i < h.EngineSwitches.Count; i++)
            if (h.EngineSwitches[i] is not { } s || s.AfterEpoch < 0 || s.AfterEpoch > h.Epochs.Count)
                return $"$.engineSwitches[{i}]: not a switch after one of the {h.Epochs.Count} epochs";
        return null;

        static string? Loss(double v) => v < 0 || double.IsNegativeInfinity(v) ? $"{v} is negative (a loss is a mean of squares)" : null;
        static string? Losses(double[] values, int k)
        {
            if (values is null) return "null";
            if (values.Length != k) return $"{values.Length} values for {k} frequencies";
            foreach (var v in values) if (Loss(v) is { } l) return l;
            return null;
        }
    }
}
