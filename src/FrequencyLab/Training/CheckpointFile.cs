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
/// __metadata__: format "freqlab-checkpoint", version "1", data_sha256, state (JSON: optimizer settings and
///               step count, shape, and the <see cref="TrainerState"/> with the history so far)
/// </code>
/// Written atomically; a read checks the header, every tensor's shape and bounds, and the data's SHA-256.
/// </summary>
public static class CheckpointFile
{
    public const string Format = "freqlab-checkpoint";
    public const string Version = "1";

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
            ["data_sha256"] = Convert.ToHexStringLower(SHA256.HashData(data)),
            ["state"] = JsonSerializer.Serialize(meta, HistoryJson.CompactOptions),
        };
        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        // safetensors pads the header with spaces so the data starts 8-byte aligned.
        int padded = (headerBytes.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        headerBytes.CopyTo(file, 8);
        file.AsSpan(8 + headerBytes.Length, padded - headerBytes.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }

    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "checkpoint not found");
        return Decode(File.ReadAllBytes(path), path);
    }

    public static Checkpoint Decode(byte[] file, string source = "checkpoint")
    {
        void Fail(string problem) => throw new DataFileException(source, $"corrupt checkpoint: {problem}");
        if (file.Length < 8) Fail("shorter than its 8-byte header length");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n > (ulong)(file.Length - 8)) Fail($"header length {n} runs past the end of the file ({file.Length} bytes)");
        var data = file.AsSpan(8 + (int)n);
        JsonObject header;
        StateMeta meta;
        try
        {
            header = JsonNode.Parse(file.AsSpan(8, (int)n))?.AsObject() ?? throw new JsonException("empty header");
            var md = header["__metadata__"]?.AsObject() ?? throw new JsonException("no __metadata__");
            if ((string?)md["format"] != Format) throw new JsonException($"not a {Format} file");
            if ((string?)md["version"] != Version) throw new JsonException($"version {(string?)md["version"]} is not supported");
            if ((string?)md["data_sha256"] != Convert.ToHexStringLower(SHA256.HashData(data))) throw new JsonException("data checksum mismatch");
            meta = JsonSerializer.Deserialize<StateMeta>((string?)md["state"] ?? "", HistoryJson.Options) ?? throw new JsonException("no state");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new DataFileException(source, $"corrupt checkpoint: {e.Message.Split('\n')[0]}");
        }
        var shape = new ModelShape(meta.Engine.InputSize, meta.Engine.HiddenSize).Validate();
        var snap = EngineSnapshot.Fresh(shape, meta.Engine.Optimizer, new float[shape.ParameterCount]) with { OptimizerSteps = meta.Engine.OptimizerSteps };
        foreach (var (name, expectedShape, flat, start, length) in Tensors(snap))
        {
            var destination = flat.AsSpan(start, length);
            if (header[name] is not JsonObject t) { Fail($"tensor {name} missing"); return null!; }
            var dims = t["shape"]?.AsArray().Select(d => (int)d!).ToArray() ?? [];
            if (!dims.SequenceEqual(expectedShape)) Fail($"tensor {name} has shape ({string.Join(", ", dims)}), expected ({string.Join(", ", expectedShape)})");
            if ((string?)t["dtype"] != "F32") Fail($"tensor {name} is not F32");
            var offs = t["data_offsets"]?.AsArray().Select(d => (long)d!).ToArray() ?? [];
            if (offs.Length != 2 || offs[0] < 0 || offs[1] > data.Length || offs[1] - offs[0] != 4L * destination.Length)
                Fail($"tensor {name} data offsets are out of bounds");
            var bytes = data.Slice((int)offs[0], destination.Length * 4);
            for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
        }
        return new Checkpoint(snap, meta.Trainer);
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
