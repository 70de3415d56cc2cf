using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using FrequencyLab.IO;

namespace FrequencyLab.Tests.TestSupport;

/// <summary>
/// Generators of hostile file content (CsCheck: bytes cut, flipped, inserted, removed or repeated; JSON with values of the
/// wrong type, nulls, huge numbers, keys removed, repeated or added) and the one assertion every reader must pass on it: the
/// read gives a value or throws one <see cref="FrequencyLabException"/> whose message is one printable line naming the file.
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

    /// <summary>What replaces a value (<see cref="JsonVariants"/>): nulls, wrong types, huge and negative numbers, NaN, control characters.</summary>
    private static readonly string[] Replacements =
    [
        "null", "\"text\"", "true", "[]", "{}", "-1", "0", "1.5", "-1e-300", "1e400", "-1e400", "99999999999999999999999",
        "\"NaN\"", "\"-Infinity\"", "\"Infinity\"", "\"\\u001b]0;owned\\u0007\\u001b[31mred\"", "[null]", "[1, \"x\"]", "{\"a\": null}",
        "2147483648", "-2147483649", "18446744073709551616", "\"" + new string('x', 5000) + "\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    /// <summary>Hostile variants of <paramref name="json"/> as bytes: cut at any offset, one byte changed, one value replaced,
    /// a key given twice, a key removed, a key added, control characters in a key.</summary>
    public static Gen<byte[]> JsonVariants(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var paths = Paths(JsonNode.Parse(json)!).ToArray();
        var truncated = Gen.Int[0, bytes.Length - 1].Select(n => bytes[..n]);
        var flipped = Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte[1, 255], (at, x) =>
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= x;
            return copy;
        });
        var replaced = Gen.Select(Gen.Int[0, paths.Length - 1], Gen.Int[0, Replacements.Length - 1],
            (p, r) => Utf8(Edit(json, paths[p], node => Replacements[r])));
        var objects = paths.Where(p => p.Node is JsonObject { Count: > 0 }).ToArray();
        var duplicated = Gen.Int[0, Math.Max(0, objects.Length - 1)].Select(i => Utf8(Edit(json, objects[i], node =>
        {
            var o = (JsonObject)node!;
            var first = o.First();
            var text = o.ToJsonString();
            // The first key again, with its own value: readers that keep either one would disagree with other tools.
            return "{" + JsonValue.Create(first.Key).ToJsonString() + ":" + (first.Value?.ToJsonString() ?? "null") + "," + text[1..];
        })));
        var removed = Gen.Select(Gen.Int[0, Math.Max(0, objects.Length - 1)], Gen.Int[0, 1000], (i, k) => Utf8(Edit(json, objects[i], node =>
        {
            var o = (JsonObject)node!.DeepClone();
            o.Remove(o.ElementAt(k % o.Count).Key);
            return o.ToJsonString();
        })));
        var added = Gen.Select(Gen.Int[0, Math.Max(0, objects.Length - 1)], Gen.Int[0, 3].Select(i => new[] { "extra", "\u001b[2J", "Epochs", "" }[i]), (i, key) =>
            Utf8(Edit(json, objects[i], node =>
            {
                var o = (JsonObject)node!.DeepClone();
                o[key] = 1;
                return o.ToJsonString();
            })));
        var gens = new List<(int, Gen<byte[]>)> { (3, truncated), (4, flipped), (6, replaced) };
        if (objects.Length > 0) gens.AddRange([(2, duplicated), (2, removed), (1, added)]);
        return Gen.Frequency([.. gens]);
    }

    /// <summary>Runs <paramref name="read"/> on <paramref name="path"/> holding <paramref name="bytes"/>: it must return, or
    /// throw a <see cref="FrequencyLabException"/> whose message is one printable line containing <paramref name="name"/>.</summary>
    public static void AssertTotal(string path, byte[] bytes, string name, Action<string> read)
    {
        File.WriteAllBytes(path, bytes);
        try { read(path); }
        catch (FrequencyLabException e)
        {
            AssertOneLine(e.Message, name);
        }
    }

    /// <summary><see cref="AssertOneCleanLine"/>, naming <paramref name="name"/>.</summary>
    public static void AssertOneLine(string message, string name)
    {
        AssertOneCleanLine(message);
        Assert.Contains(name, message);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private sealed record NodePath(string[] Steps, JsonNode? Node);

    private static IEnumerable<NodePath> Paths(JsonNode? node, string[]? at = null)
    {
        at ??= [];
        yield return new NodePath(at, node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                    foreach (var p in Paths(value, [.. at, "o:" + key])) yield return p;
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                    foreach (var p in Paths(a[i], [.. at, "a:" + i])) yield return p;
                break;
        }
    }

    // Replaces the node at path by raw JSON text: the tree is rewritten with a marker string there, then the marker by the text.
    private static string Edit(string json, NodePath path, Func<JsonNode?, string> raw)
    {
        const string marker = "\u0001HOSTILE\u0001";
        var root = JsonNode.Parse(json);
        var node = Find(root, path.Steps);
        var replacement = raw(node);
        if (path.Steps.Length == 0) return replacement;
        var parent = Find(root, path.Steps[..^1]);
        var last = path.Steps[^1];
        if (last.StartsWith("o:", StringComparison.Ordinal)) ((JsonObject)parent!)[last[2..]] = marker;
        else ((JsonArray)parent!)[int.Parse(last[2..], System.Globalization.CultureInfo.InvariantCulture)] = marker;
        return root!.ToJsonString().Replace(JsonValue.Create(marker).ToJsonString(), replacement, StringComparison.Ordinal);
    }

    private static JsonNode? Find(JsonNode? root, string[] steps)
    {
        var node = root;
        foreach (var s in steps)
            node = s.StartsWith("o:", StringComparison.Ordinal) ? node![s[2..]] : node![int.Parse(s[2..], System.Globalization.CultureInfo.InvariantCulture)];
        return node;
    }
}
