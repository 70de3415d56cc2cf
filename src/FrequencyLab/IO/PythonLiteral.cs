using System.Globalization;

namespace FrequencyLab.IO;

/// <summary>
/// Parses the small subset of Python literal syntax that .npy headers use: a dict with string keys whose values are
/// strings, <c>True</c>/<c>False</c>, integers, or tuples of integers (what <c>repr</c> of numpy's header dict gives).
/// </summary>
internal static class PythonLiteral
{
    /// <summary>Parses a dict literal; values are string, bool, long, or long[] (tuples). Throws <see cref="FormatException"/>.</summary>
    public static Dictionary<string, object> ParseDict(string text)
    {
        int pos = 0;
        SkipSpace(text, ref pos);
        var dict = new Dictionary<string, object>(StringComparer.Ordinal);
        Expect(text, ref pos, '{');
        while (true)
        {
            SkipSpace(text, ref pos);
            if (Peek(text, pos) == '}') { pos++; break; }
            var key = ParseString(text, ref pos);
            SkipSpace(text, ref pos);
            Expect(text, ref pos, ':');
            SkipSpace(text, ref pos);
            if (!dict.TryAdd(key, ParseValue(text, ref pos))) throw new FormatException($"key {PrintableText.Quote(key)} appears twice");
            SkipSpace(text, ref pos);
            if (Peek(text, pos) == ',') { pos++; continue; }
            Expect(text, ref pos, '}');
            break;
        }
        SkipSpace(text, ref pos);
        if (pos != text.Length) throw new FormatException($"unexpected text after the dict at position {pos}");
        return dict;
    }

    private static object ParseValue(string text, ref int pos)
    {
        char c = Peek(text, pos);
        if (c is '\'' or '"') return ParseString(text, ref pos);
        if (c == '(') return ParseTuple(text, ref pos);
        if (Matches(text, pos, "True")) { pos += 4; return true; }
        if (Matches(text, pos, "False")) { pos += 5; return false; }
        if (c == '-' || char.IsAsciiDigit(c)) return ParseInteger(text, ref pos);
        throw new FormatException($"unexpected {Describe(text, pos)} at position {pos}");
    }

    private static long[] ParseTuple(string text, ref int pos)
    {
        Expect(text, ref pos, '(');
        var items = new List<long>();
        while (true)
        {
            SkipSpace(text, ref pos);
            if (Peek(text, pos) == ')') { pos++; break; }
            items.Add(ParseInteger(text, ref pos));
            SkipSpace(text, ref pos);
            if (Peek(text, pos) == ',') { pos++; continue; }
            Expect(text, ref pos, ')');
            break;
        }
        return [.. items];
    }

    private static long ParseInteger(string text, ref int pos)
    {
        int start = pos;
        if (Peek(text, pos) == '-') pos++;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        // Python 2 era numpy wrote longs as 10L.
        var digits = text[start..pos];
        if (Peek(text, pos) == 'L') pos++;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"{PrintableText.Quote(digits)} at position {start} is not an integer (64-bit)");
        return value;
    }

    private static string ParseString(string text, ref int pos)
    {
        char quote = Peek(text, pos);
        if (quote is not ('\'' or '"')) throw new FormatException($"expected a quoted string at position {pos}, found {Describe(text, pos)}");
        int start = ++pos;
        while (pos < text.Length && text[pos] != quote)
        {
            if (text[pos] == '\\') throw new FormatException($"escape sequences are not supported (position {pos})");
            pos++;
        }
        if (pos >= text.Length) throw new FormatException("unterminated string");
        return text[start..pos++];
    }

    private static void Expect(string text, ref int pos, char c)
    {
        if (Peek(text, pos) != c) throw new FormatException($"expected '{c}' at position {pos}, found {Describe(text, pos)}");
        pos++;
    }

    private static bool Matches(string text, int pos, string word) => string.CompareOrdinal(text, pos, word, 0, word.Length) == 0;

    private static char Peek(string text, int pos) => pos < text.Length ? text[pos] : '\0';

    private static string Describe(string text, int pos) => pos < text.Length ? PrintableText.Quote(text[pos].ToString()) : "end of header";

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }
}
