using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using FrequencyLab.IO;

namespace FrequencyLab.Tests.Data;

/// <summary>
/// Generators of hostile file content (CsCheck) and the one assertion every reader must pass on it: the read gives a
/// value or throws one <see cref="FrequencyLabException"/> whose message is one printable line naming the file.
/// Any other exception (IndexOutOfRange, Overflow, OutOfMemory, Argument, …) escapes and fails the test.
/// </summary>
internal static class HostileInput
{
    /// <summary>Bytes a hostile file likes: terminal escapes, NUL, bidi overrides, invalid UTF-8, quotes, separators.</summary>
    public static readonly Gen<byte[]> NastyBytes = Gen.OneOf(
        Gen.Const("\u001b]0;pwned\a\u001b[31mred"u8.ToArray()),
        Gen.Const(new byte[] { 0 }),
        Gen.Const(new byte[] { 0xFF, 0xFE, 0xC3 }),
        Gen.Const("\u202Eevil\u2028x\u0085"u8.ToArray()),
        Gen.Const("\r\n"u8.ToArray()),
        Gen.Const(",,\"\""u8.ToArray()),
        Gen.Const("99999999999999999999999"u8.ToArray()),
        Gen.Const("1e400"u8.ToArray()),
        Gen.Const("NaN"u8.ToArray()),
        Gen.Byte.Array[1, 6]);

    /// <summary>A hostile variation of <paramref name="original"/>: cut, bytes flipped, nasty bytes inserted, a range removed or repeated.</summary>
    public static Gen<byte[]> Mutated(byte[] original)
    {
        int n = original.Length;
        var truncated = Gen.Int[0, Math.Max(0, n - 1)].Select(at => original[..at]);
        var flipped = Gen.Select(Gen.Int[0, n - 1], Gen.Byte).Array[1, 8].Select(flips =>
        {
            var copy = (byte[])original.Clone();
            foreach (var (at, value) in flips) copy[at] = value;
            return copy;
        });
        var inserted = Gen.Select(Gen.Int[0, n], NastyBytes).Select(t => (byte[])[.. original[..t.Item1], .. t.Item2, .. original[t.Item1..]]);
        var removed = Gen.Select(Gen.Int[0, n - 1], Gen.Int[1, 64]).Select(t => (byte[])[.. original[..t.Item1], .. original[Math.Min(n, t.Item1 + t.Item2)..]]);
        var repeated = Gen.Select(Gen.Int[0, n - 1], Gen.Int[1, 200]).Select(t =>
        {
            var piece = original[t.Item1..Math.Min(n, t.Item1 + t.Item2)];
            return (byte[])[.. original[..t.Item1], .. piece, .. piece, .. original[t.Item1..]];
        });
        return Gen.OneOf(truncated, flipped, inserted, removed, repeated);
    }

    /// <summary>JSON values that are wrong in most places: null, every other type, huge and fractional numbers, control characters.</summary>
    public static readonly Gen<JsonNode?> WrongValue = Gen.OneOf<JsonNode?>(
        Gen.Const(() => (JsonNode?)null),
        Gen.Const<JsonNode?>(JsonValue.Create("x")),
        Gen.Const<JsonNode?>(JsonValue.Create("\u001b]0;pwned\a\u001b[31m")),
        Gen.Const<JsonNode?>(JsonValue.Create(1.5)),
        Gen.Const<JsonNode?>(JsonValue.Create(-1)),
        Gen.Const<JsonNode?>(JsonValue.Create(true)),
        Gen.Const<JsonNode?>(JsonNode.Parse("1e400")),
        Gen.Const<JsonNode?>(JsonNode.Parse("123456789012345678901234567890")),
        Gen.Const<JsonNode?>(new JsonArray()),
        Gen.Const<JsonNode?>(new JsonArray(null, 1, "a")),
        Gen.Const<JsonNode?>(new JsonObject()));

    /// <summary>
    /// A hostile variation of the JSON document <paramref name="json"/>: one value (anywhere in the tree) replaced by a
    /// <see cref="WrongValue"/>, one key removed, or one key repeated in its object (with the same or a wrong value).
    /// </summary>
    public static Gen<byte[]> MutatedJson(string json)
    {
        int places = Places(JsonNode.Parse(json)!).Count;
        return Gen.Select(Gen.Int[0, places - 1], Gen.Int[0, 2], WrongValue).Select(t =>
        {
            var root = JsonNode.Parse(json)!;
            var (parent, key, index) = Places(root)[t.Item1];
            JsonObject? duplicateIn = null;
            string? duplicateKey = null;
            JsonNode? duplicateValue = null;
            switch (t.Item2)
            {
                case 0 when parent is JsonObject o: o[key!] = t.Item3?.DeepClone(); break;
                case 0 when parent is JsonArray a: a[index] = t.Item3?.DeepClone(); break;
                case 1 when parent is JsonObject o: o.Remove(key!); break;
                case 1 when parent is JsonArray a: a.RemoveAt(index); break;
                case 2 when parent is JsonObject o:
                    duplicateIn = o; duplicateKey = key; duplicateValue = t.Item3?.DeepClone() ?? o[key!]?.DeepClone(); break;
                default: if (parent is JsonArray arr) arr.Add(t.Item3?.DeepClone()); break;
            }
            return Write(root, duplicateIn, duplicateKey, duplicateValue);
        });
    }

    private static List<(JsonNode Parent, string? Key, int Index)> Places(JsonNode root)
    {
        var list = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
                foreach (var (k, v) in o) { list.Add((o, k, -1)); Walk(v); }
            else if (node is JsonArray a)
                for (int i = 0; i < a.Count; i++) { list.Add((a, null, i)); Walk(a[i]); }
        }
        Walk(root);
        return list;
    }

    // Utf8JsonWriter writes repeated property names as given: the way to make a file with a duplicate key.
    private static byte[] Write(JsonNode root, JsonObject? duplicateIn, string? duplicateKey, JsonNode? duplicateValue)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true }))
        {
            void Emit(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o:
                        writer.WriteStartObject();
                        foreach (var (k, v) in o) { writer.WritePropertyName(k); Emit(v); }
                        if (ReferenceEquals(o, duplicateIn)) { writer.WritePropertyName(duplicateKey!); Emit(duplicateValue); }
                        writer.WriteEndObject();
                        break;
                    case JsonArray a:
                        writer.WriteStartArray();
                        foreach (var v in a) Emit(v);
                        writer.WriteEndArray();
                        break;
                    case null: writer.WriteNullValue(); break;
                    default: node.WriteTo(writer); break;
                }
            }
            Emit(root);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="read"/>: its value, or null when it threw a <see cref="FrequencyLabException"/> whose message is
    /// one line, holds no control character and contains <paramref name="mustName"/> (the file). Anything else fails.
    /// </summary>
    public static T? ValueOrOneLine<T>(Func<T> read, string mustName) where T : class
    {
        try
        {
            return read();
        }
        catch (FrequencyLabException e)
        {
            AssertOneCleanLine(e.Message);
            Assert.Contains(mustName, e.Message);
            return null;
        }
    }

    /// <summary>The message is one line of printable text (control characters from the file escaped).</summary>
    public static void AssertOneCleanLine(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
        Assert.True(PrintableText.IsPrintable(message), $"message holds control characters: {PrintableText.Escape(message, 1000)}");
    }

    public static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
