using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// The checkpoint's integrity hash covers every byte (header length, tensor entries, trainer state, padding, tensors): no
/// changed byte is accepted, none crashes the reader, and a rewritten hash (an edit made on purpose) still meets the
/// structural checks (duplicate keys, UTF-8, offsets, format version).
/// </summary>
public class CheckpointHostileInputTests
{
    private const string Name = "last.safetensors";

    // A mid-epoch checkpoint (row > 0, partial sums) after one full epoch: every part of the trainer state is present.
    private static readonly Lazy<byte[]> Saved = new(() =>
    {
        using var dir = new TempDir();
        var c = Config(epochs: 3) with { Plateau = PlateauSettings.ReportStrategy2 };
        using var cts = new CancellationTokenSource();
        Trainer(c, RunDirectory.CreateNew(dir.Path, c), e => new TripwireEngine(e, 400 + 123, cts.Cancel)).Run(null, cts.Token);
        return File.ReadAllBytes(Path.Combine(dir.Path, "checkpoints", Name));
    });

    private static void Refused(byte[] file, string expected = "")
    {
        var e = Assert.Throws<DataFileException>(() => CheckpointFile.Decode(file, Name));
        HostileInput.AssertOneLine(e.Message, Name + ": corrupt checkpoint");
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_saved_checkpoint_reads_back()
    {
        var c = CheckpointFile.Decode(Saved.Value, Name);
        Assert.Equal(124, c.Trainer.Row);
        Assert.Equal(1, c.Trainer.CompletedEpochs);
    }

    [Fact]
    public void Random_byte_changes_anywhere_are_all_refused()
    {
        var bytes = Saved.Value;
        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte[1, 255]).Sample((at, x) =>
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= x;
            Refused(copy);
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void One_flipped_bit_in_every_header_byte_is_refused()
    {
        var bytes = Saved.Value;
        int header = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        for (int at = 0; at < header; at++)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= (byte)(1 << (at % 8));
            Refused(copy);
        }
    }

    [Fact]
    public void A_file_cut_at_any_offset_is_refused()
    {
        var bytes = Saved.Value;
        for (int n = 0; n < bytes.Length; n += 7) Refused(bytes[..n]);
        Refused(bytes[..^1]);
        Refused([.. bytes, 0]);
    }

    [Theory]
    [InlineData(@"\u0022row\u0022:124", @"\u0022row\u0022:125")]
    [InlineData(@"\u0022optimizerSteps\u0022:524", @"\u0022optimizerSteps\u0022:525")]
    [InlineData(@"\u0022trainLoss\u0022:0.", @"\u0022trainLoss\u0022:1.")]
    [InlineData(@",\u0022bestMonitored\u0022:", @",\u0022bestMonitoredX\u0022:")]
    [InlineData(@"""data_offsets"":[0,", @"""data_offsets"":[4,")]
    public void An_edited_trainer_state_or_tensor_entry_is_refused(string from, string to)
    {
        var header = HeaderText(Saved.Value);
        Assert.Contains(from, header);
        Refused(WithHeader(Saved.Value, header.Replace(from, to, StringComparison.Ordinal), rehash: false), "integrity hash mismatch");
    }

    [Fact]
    public void Removing_best_monitored_is_refused()
    {
        var header = HeaderText(Saved.Value);
        int at = header.IndexOf(@",\u0022bestMonitored\u0022:", StringComparison.Ordinal);
        int end = header.IndexOfAny([',', '}'], at + 1);
        Refused(WithHeader(Saved.Value, header.Remove(at, end - at), rehash: false), "integrity hash mismatch");
    }

    [Fact]
    public void With_the_hash_rewritten_structural_edits_are_still_refused()
    {
        var bytes = Saved.Value;
        var header = HeaderText(bytes);
        // The hash recomputed for the unchanged file: accepted (the helper is right).
        Assert.Equal(bytes, WithHeader(bytes, header, rehash: true));
        // fc.bias pointing at the first tensor's bytes instead of its own.
        int bias = header.IndexOf("\"fc.bias\"", StringComparison.Ordinal);
        int offsets = header.IndexOf("\"data_offsets\":[", bias, StringComparison.Ordinal) + "\"data_offsets\":[".Length;
        int close = header.IndexOf(']', offsets);
        Refused(WithHeader(bytes, header[..offsets] + "0,4" + header[close..], rehash: true), "tensor fc.bias: data offsets");
        // A key given twice.
        Refused(WithHeader(bytes, "{\"fc.bias\":{},\"" + header[2..], rehash: true), "Duplicate");
        // A tensor more.
        Refused(WithHeader(bytes, "{\"extra\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}," + header[1..], rehash: true), "unexpected entry extra");
        // Invalid UTF-8 in a key.
        var raw = Encoding.UTF8.GetBytes(header);
        int key = raw.AsSpan().IndexOf("fc.bias"u8);
        raw[key] = 0xC3;
        raw[key + 1] = 0x28;
        Refused(WithHeaderBytes(bytes, raw, rehash: true), "not UTF-8");
        // A trainer state no run writes: a negative row.
        Refused(WithHeader(bytes, header.Replace(@"\u0022row\u0022:124", @"\u0022row\u0022:-3", StringComparison.Ordinal), rehash: true), "row -3");
        // Data past the last tensor.
        var longer = WithHeader(bytes, header, rehash: false);
        Refused(Rehash([.. longer, 1, 2, 3, 4]), "after the last tensor");
    }

    [Fact]
    public void A_version_1_checkpoint_is_refused_with_one_line()
    {
        var header = HeaderText(Saved.Value).Replace("\"version\":\"2\"", "\"version\":\"1\"", StringComparison.Ordinal);
        Refused(WithHeader(Saved.Value, header, rehash: true), "format version 1 keeps its trainer state outside the integrity hash");
    }

    [Fact]
    public void An_oversized_header_length_is_refused_without_reading_it()
    {
        var huge = (byte[])Saved.Value.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, (ulong)huge.Length - 8);
        Refused(huge);
        BinaryPrimitives.WriteUInt64LittleEndian(huge, long.MaxValue);
        Refused(huge, "runs past the end");
    }

    private static string HeaderText(byte[] file)
    {
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        return Encoding.UTF8.GetString(file, 8, n).TrimEnd(' ');
    }

    private static byte[] WithHeader(byte[] file, string header, bool rehash) => WithHeaderBytes(file, Encoding.UTF8.GetBytes(header), rehash);

    // The file with another header (padded with spaces to 8 bytes, as the writer does) and the same tensor bytes.
    private static byte[] WithHeaderBytes(byte[] file, byte[] header, bool rehash)
    {
        int n = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var data = file.AsSpan(8 + n);
        int padded = (header.Length + 7) / 8 * 8;
        var result = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        header.CopyTo(result, 8);
        result.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(result.AsSpan(8 + padded));
        return rehash ? Rehash(result) : result;
    }

    // What someone editing the file on purpose would do: recompute the hash as the writer does.
    private static byte[] Rehash(byte[] file)
    {
        var field = "\"sha256\":\""u8.ToArray();
        int at = file.AsSpan().LastIndexOf(field) + field.Length;
        file.AsSpan(at, 64).Fill((byte)'0');
        Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(file))).CopyTo(file, at);
        return file;
    }
}
