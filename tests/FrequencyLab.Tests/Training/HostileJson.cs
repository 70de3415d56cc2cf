using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// CsCheck generators of hostile variants of a valid JSON file, and the assertion every reader must pass on them: a value,
/// or one <see cref="FrequencyLabException"/> whose message is one printable line naming the file — never another exception.
/// </summary>
internal static class HostileJson
{
    /// <summary>What replaces a value: nulls, wrong types, huge and negative numbers, NaN, control characters.</summary>
    private static readonly string[] Replacements =
    [
        "null", "\"text\"", "true", "[]", "{}", "-1", "0", "1.5", "-1e-300", "1e400", "-1e400", "99999999999999999999999",
        "\"NaN\"", "\"-Infinity\"", "\"Infinity\"", "\"\\u001b]0;owned\\u0007\\u001b[31mred\"", "[null]", "[1, \"x\"]", "{\"a\": null}",
        "2147483648", "-2147483649", "18446744073709551616", "\"" + new string('x', 5000) + "\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    /// <summary>Hostile variants of <paramref name="json"/> as bytes: cut at any offset, one byte changed, one value replaced,
    /// a key given twice, a key removed, a key added, control characters in a key.</summary>
    public static Gen<byte[]> Variants(string json)
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

    public static void AssertOneLine(string message, string name)
    {
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
        Assert.False(message.Any(char.IsControl), $"control character in: {message}");
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
