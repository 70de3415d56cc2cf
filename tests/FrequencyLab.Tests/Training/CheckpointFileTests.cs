using System.Buffers.Binary;
using FrequencyLab.IO;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

public class CheckpointFileTests
{
    private static (Checkpoint Checkpoint, byte[] Bytes) Make()
    {
        using var dir = new TempDir();
        var c = Config(epochs: 1) with { Plateau = PlateauSettings.ReportStrategy2 };
        Trainer(c, RunDirectory.CreateNew(dir.Path, c)).Run();
        var path = Path.Combine(dir.Path, "checkpoints", "last.safetensors");
        return (CheckpointFile.Read(path), File.ReadAllBytes(path));
    }

    [Fact]
    public void Round_trips_exactly()
    {
        var (checkpoint, bytes) = Make();
        Assert.Equal(bytes, CheckpointFile.Encode(checkpoint));
        var again = CheckpointFile.Decode(bytes);
        Assert.Equal(checkpoint.Engine.Parameters, again.Engine.Parameters);
        Assert.Equal(checkpoint.Engine.SecondMoment, again.Engine.SecondMoment);
        Assert.Equal(400, again.Engine.OptimizerSteps);
        Assert.Equal(HistoryJson.Serialize(checkpoint.Trainer.History), HistoryJson.Serialize(again.Trainer.History));
    }

    [Fact]
    public void Is_a_safetensors_file_that_numpy_reads_by_hand()
    {
        var (checkpoint, bytes) = Make();
        using var dir = new TempDir();
        var path = dir.File("c.safetensors");
        File.WriteAllBytes(path, bytes);
        // The safetensors layout read with plain json + numpy: header length, header, little-endian F32 data.
        var script = dir.File("read.py");
        File.WriteAllText(script, """
            import json, struct, sys
            import numpy as np
            raw = open(sys.argv[1], "rb").read()
            (n,) = struct.unpack("<Q", raw[:8])
            header = json.loads(raw[8:8 + n])
            t = header["fc.weight"]
            a, b = t["data_offsets"]
            w = np.frombuffer(raw[8 + n + a:8 + n + b], dtype="<f4").reshape(t["shape"])
            print(header["__metadata__"]["format"], w.shape, repr(float(w[0, 3])))
            """);
        var output = Python.Run(script, path).Trim();
        var layout = checkpoint.Engine.Shape.Layout;
        float expected = checkpoint.Engine.Parameters[layout.HeadWeight.Offset + 3];
        Assert.Equal($"freqlab-checkpoint (1, 8) {((double)expected).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", output);
    }

    [Fact]
    public void A_flipped_data_byte_or_a_truncated_file_is_a_one_line_error()
    {
        var (_, bytes) = Make();
        var flipped = (byte[])bytes.Clone();
        flipped[^10] ^= 0x40;
        var e = Assert.Throws<DataFileException>(() => CheckpointFile.Decode(flipped, "x.safetensors"));
        Assert.Contains("integrity hash mismatch", e.Message);
        Assert.Throws<DataFileException>(() => CheckpointFile.Decode(bytes[..(bytes.Length / 2)], "x.safetensors"));
        Assert.Throws<DataFileException>(() => CheckpointFile.Decode(bytes[..5], "x.safetensors"));
        var huge = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, ulong.MaxValue);
        var h = Assert.Throws<DataFileException>(() => CheckpointFile.Decode(huge, "x.safetensors"));
        Assert.DoesNotContain('\n', h.Message);
    }

    [Fact]
    public void A_write_that_dies_halfway_leaves_the_previous_checkpoint_whole()
    {
        var (checkpoint, bytes) = Make();
        using var dir = new TempDir();
        var path = dir.File("last.safetensors");
        CheckpointFile.Write(path, checkpoint);
        var newer = CheckpointFile.Encode(checkpoint with { Trainer = checkpoint.Trainer with { Row = 7 } });
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => { s.Write(newer, 0, newer.Length / 2); throw new IOException("power cut"); }));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(0, CheckpointFile.Read(path).Trainer.Row);
        Assert.Equal(["last.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
