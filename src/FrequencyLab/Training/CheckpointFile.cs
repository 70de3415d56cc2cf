using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrequencyLab.Engines;
using FrequencyLab.IO;
using FrequencyLab.Model;

namespace FrequencyLab.Training;

/// <summary>
/// Reads and writes a <see cref="Checkpoint"/> as a safetensors file, so Python can open it
/// (<c>safetensors.numpy.load_file</c>, or by hand: 8-byte little-endian header length, JSON header, raw data):
/// <code>
/// lstm.weight_ih_l0 … fc.bias                         F32, PyTorch shapes: the model's state_dict
/// optimizer.exp_avg.&lt;name&gt;, optimizer.exp_avg_sq.&lt;name&gt;   F32: Adam's moments (SGD: momentum buffer, zeros)
/// train_state.h, train_state.c                       F32 (1, 1, H): the carried training state
/// __metadata__: format "freqlab-checkpoint", version "2", state (JSON: optimizer settings and step count, shape, and the
///               <see cref="TrainerState"/> with the history so far), sha256 (see below)
/// </code>
/// <para>Integrity: <c>sha256</c> is the SHA-256 of the whole file as written, with the 64 hex digits of the hash itself
/// replaced by '0'. So it covers the header length, every header byte (tensor entries, trainer state, padding) and every
/// tensor byte: any changed, added or removed byte is refused. A read also refuses duplicate keys, bytes that are not
/// UTF-8, other keys or tensors, offsets other than the writer's (tensors stored back to back in the order above), and a
/// state no run can reach (<see cref="HistoryJson.FirstProblem"/>, negative rows or steps, a shape or optimizer other than
/// the config's).</para>
/// <para>Version 1 (before the hash covered the header) is refused with one line: its trainer state could have been edited
/// without trace, so it cannot be trusted to resume a run.</para>
/// Written atomically.
/// </summary>
public static class CheckpointFile
{
    public const string Format = "freqlab-checkpoint";
    public const string Version = "2";

    /// <summary>Largest file read: the largest model (H = 4096) with its Adam moments is about 0.8 GB.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Largest header: <see cref="JsonFile.MaxBytes"/>, as for history.json (the header holds the history).</summary>
    public const long MaxHeaderBytes = JsonFile.MaxBytes;

    private const int HashDigits = 64;
    private static readonly byte[] HashPlaceholder = Enumerable.Repeat((byte)'0', HashDigits).ToArray();

    private sealed record EngineMeta(int InputSize, int HiddenSize, OptimizerSettings Optimizer, long OptimizerSteps);
    private sealed record StateMeta(EngineMeta Engine, TrainerState Trainer);

    public static void Write(string path, Checkpoint checkpoint) => AtomicFile.WriteAllBytes(path, Encode(checkpoint));

    public static byte[] Encode(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var snap = checkpoint.Engine;
        var tensors = Tensors(snap).ToList();
        int dataLength = tensors.Sum(t => t.Length) * sizeof(float);
        var data = new byte[dataLength];
        var header = new JsonObject();
        int offset = 0;
        foreach (var (name, shape, flat, start, length) in tensors)
        {
            var values = flat.AsSpan(start, length);
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(offset + 4 * i), values[i]);
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + 4 * values.Length),
            };
            offset += 4 * values.Length;
        }
        var meta = new StateMeta(new EngineMeta(snap.Shape.InputSize, snap.Shape.HiddenSize, snap.Optimizer, snap.OptimizerSteps), checkpoint.Trainer);
        header["__metadata__"] = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["state"] = JsonSerializer.Serialize(meta, HistoryJson.CompactOptions),
            ["sha256"] = Encoding.ASCII.GetString(HashPlaceholder),
        };
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        // safetensors pads the header with spaces so the data starts 8-byte aligned.
        int padded = (headerBytes.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        headerBytes.CopyTo(file, 8);
        file.AsSpan(8 + headerBytes.Length, padded - headerBytes.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        // The placeholder is the header's last value, so its last occurrence is the field (the state's JSON escapes nothing to '0'×64 after it).
        int at = 8 + headerBytes.AsSpan().LastIndexOf(HashPlaceholder);
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(file))).CopyTo(file, at);
        return file;
    }

    public static Checkpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // The one bounded whole-file read: a hostile size is refused before anything is allocated.
        var bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "checkpoint");
        return Decode(bytes, path);
    }

    public static Checkpoint Decode(byte[] file, string source = "checkpoint")
    {
        ArgumentNullException.ThrowIfNull(file);
        var printable = JsonFile.Printable(source);
        DataFileException Corrupt(string problem) => new(printable, $"corrupt checkpoint: {JsonFile.Printable(problem.ReplaceLineEndings(" "))}");

        if (file.Length < 8) throw Corrupt("shorter than its 8-byte header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n > (ulong)(file.Length - 8)) throw Corrupt($"header length {n} runs past the end of the file ({file.Length} bytes)");
        if (n > (ulong)MaxHeaderBytes) throw Corrupt($"header length {n} is over the limit of {MaxHeaderBytes} bytes");
        int headerLength = (int)n;
        var headerBytes = file.AsSpan(8, headerLength);
        if (!System.Text.Unicode.Utf8.IsValid(headerBytes)) throw Corrupt("the header is not UTF-8");

        using var document = ParseHeader(file, headerLength, Corrupt);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Corrupt("the header is not a JSON object");
        if (!root.TryGetProperty("__metadata__", out var md) || md.ValueKind != JsonValueKind.Object) throw Corrupt("no __metadata__");
        foreach (var p in md.EnumerateObject())
            if (p.Value.ValueKind != JsonValueKind.String) throw Corrupt($"__metadata__.{p.Name} is not a string");
        string? Meta(string key) => md.TryGetProperty(key, out var v) ? v.GetString() : null;
        if (Meta("format") != Format) throw Corrupt($"not a {Format} file");
        if (Meta("version") == "1")
            throw Corrupt("format version 1 keeps its trainer state outside the integrity hash and is no longer read; train into a new folder");
        if (Meta("version") != Version) throw Corrupt($"format version {Meta("version")} is not supported (expected {Version})");
        if (md.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(["format", "sha256", "state", "version"]) is false)
            throw Corrupt("__metadata__ must hold exactly format, version, state and sha256");
        CheckHash(file, headerLength, Meta("sha256")!, Corrupt);

        StateMeta meta;
        try { meta = JsonFile.Parse<StateMeta>(Meta("state")!, source, "checkpoint state", HistoryJson.ReadOptions); }
        catch (DataFileException e) { throw Corrupt(e.Problem); }
        if (meta.Engine is null || meta.Trainer?.History is null) throw Corrupt("the state has no engine or trainer");
        if (StateProblem(meta) is { } problem) throw Corrupt(problem);

        var shape = meta.Trainer.History.Config.Shape;
        var snap = EngineSnapshot.Fresh(shape, meta.Engine.Optimizer, new float[shape.ParameterCount]) with { OptimizerSteps = meta.Engine.OptimizerSteps };
        var data = file.AsSpan(8 + headerLength);
        var expected = Tensors(snap).ToList();
        var names = expected.Select(t => t.Name).Append("__metadata__").ToHashSet(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject())
            if (!names.Contains(p.Name)) throw Corrupt($"unexpected entry {p.Name}");
        long offset = 0;
        foreach (var (name, expectedShape, flat, start, length) in expected)
        {
            if (!root.TryGetProperty(name, out var t) || t.ValueKind != JsonValueKind.Object) throw Corrupt($"tensor {name} missing");
            if (TensorProblem(t, expectedShape, offset, 4L * length) is { } tp) throw Corrupt($"tensor {name}: {tp}");
            var bytes = data.Slice((int)offset, 4 * length);
            var destination = flat.AsSpan(start, length);
            for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
            offset += 4L * length;
        }
        if (offset != data.Length) throw Corrupt($"{data.Length - offset} bytes after the last tensor");
        return new Checkpoint(snap, meta.Trainer);
    }

    private static JsonDocument ParseHeader(byte[] file, int headerLength, Func<string, DataFileException> corrupt)
    {
        try { return JsonFile.ParseDocument(file.AsSpan(8, headerLength).ToArray(), "checkpoint header", "checkpoint header"); }
        catch (DataFileException e) { throw corrupt(e.Problem); }
    }

    // The stored digits must appear exactly once in the header, as the "sha256" value, so that zeroing them reproduces
    // the bytes the writer hashed; then the whole file must hash to them.
    private static void CheckHash(byte[] file, int headerLength, string stored, Func<string, DataFileException> corrupt)
    {
        if (stored.Length != HashDigits || !stored.All(char.IsAsciiHexDigitLower)) throw corrupt("the integrity hash is not 64 lowercase hex digits");
        var field = Encoding.ASCII.GetBytes($"\"sha256\":\"{stored}\"");
        var header = file.AsSpan(8, headerLength);
        int at = header.IndexOf(field);
        if (at < 0 || header[(at + 1)..].IndexOf(field) >= 0) throw corrupt("the integrity hash is not stored as the writer stores it");
        var copy = (byte[])file.Clone();
        HashPlaceholder.CopyTo(copy, 8 + at + field.Length - 1 - HashDigits);
        if (Convert.ToHexStringLower(SHA256.HashData(copy)) != stored)
            throw corrupt("integrity hash mismatch: the file was changed or damaged after it was written");
    }

    private static string? TensorProblem(JsonElement t, int[] shape, long offset, long bytes)
    {
        if (t.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(["data_offsets", "dtype", "shape"]) is false)
            return "must hold exactly dtype, shape and data_offsets";
        if (t.GetProperty("dtype") is not { ValueKind: JsonValueKind.String } dtype || dtype.GetString() != "F32") return "is not F32";
        if (!IntArray(t.GetProperty("shape"), out var dims) || !dims.SequenceEqual(shape.Select(d => (long)d)))
            return $"shape is not ({string.Join(", ", shape)})";
        if (!IntArray(t.GetProperty("data_offsets"), out var offs) || offs.Length != 2 || offs[0] != offset || offs[1] != offset + bytes)
            return $"data offsets are not [{offset}, {offset + bytes}]";
        return null;

        static bool IntArray(JsonElement e, out long[] values)
        {
            values = [];
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() > 8) return false;
            var list = new List<long>();
            foreach (var v in e.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var x)) return false;
                list.Add(x);
            }
            values = [.. list];
            return true;
        }
    }

    /// <summary>The first thing in the state no run writes: a history with a problem, a shape or optimizer other than the
    /// config's, negative rows or steps, a position past the epoch, partial sums of the wrong size.</summary>
    private static string? StateProblem(StateMeta meta)
    {
        var trainer = meta.Trainer;
        var history = trainer.History;
        if (HistoryJson.FirstProblem(history) is { } h) return $"history: {h}";
        var config = history.Config;
        if (meta.Engine.InputSize != config.Shape.InputSize || meta.Engine.HiddenSize != config.Shape.HiddenSize)
            return $"engine shape ({meta.Engine.InputSize}, {meta.Engine.HiddenSize}) is not the config's ({config.Shape.InputSize}, {config.Shape.HiddenSize})";
        if (meta.Engine.Optimizer != config.Optimizer) return "engine optimizer is not the config's";
        if (meta.Engine.OptimizerSteps < 0 || trainer.OptimizerSteps < 0) return "negative optimizer step count";
        if (trainer.Row < 0 || (trainer.Row > 0 && trainer.Partial is null)) return $"row {trainer.Row} without the epoch's partial sums";
        if (trainer.Row > history.TrainData.Rows) return $"row {trainer.Row} is past the {history.TrainData.Rows} training rows";
        if (double.IsNaN(trainer.BestMonitored) || trainer.BestMonitored < 0) return $"best monitored value {trainer.BestMonitored} is not a loss";
        if (trainer.Alerts is null) return "no alert state";
        if (trainer.Partial is { } p)
        {
            int k = config.Data.Spec.FrequencyCount;
            if (p.LossSumPerFrequency is null || p.RowsPerFrequency is null || p.GradientNorm is null
                || p.LossSumPerFrequency.Length != k || p.RowsPerFrequency.Length != k)
                return $"partial sums are not of {k} frequencies";
            if (p.Rows < 0 || p.Rows > trainer.Row || p.RowsPerFrequency.Any(r => r < 0 || r > trainer.Row) || p.RowsPerFrequency.Sum() != p.Rows)
                return $"partial sums count {p.Rows} rows at row {trainer.Row}";
        }
        if (trainer.CompletedEpochs > config.Epochs) return $"{trainer.CompletedEpochs} epochs recorded for a run of {config.Epochs}";
        return null;
    }
    /// <summary>Every stored tensor: its name, shape, and where it lives in the snapshot's arrays.</summary>
    private static IEnumerable<(string Name, int[] Shape, float[] Flat, int Start, int Length)> Tensors(EngineSnapshot snap)
    {
        var layout = snap.Shape.Layout;
        foreach (var (prefix, flat) in new[] { ("", snap.Parameters), ("optimizer.exp_avg.", snap.FirstMoment), ("optimizer.exp_avg_sq.", snap.SecondMoment) })
            foreach (var t in layout.Tensors)
                yield return (prefix + t.Name, t.Shape, flat, t.Offset, t.Length);
        int h = snap.Shape.HiddenSize;
        yield return ("train_state.h", [1, 1, h], snap.TrainHidden, 0, h);
        yield return ("train_state.c", [1, 1, h], snap.TrainCell, 0, h);
    }
}
