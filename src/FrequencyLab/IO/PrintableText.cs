using System.Globalization;
using System.Text;

namespace FrequencyLab.IO;

/// <summary>
/// Makes text taken from a file safe to put in a one-line message: control characters (C0, DEL, C1, and the Unicode
/// format/line/paragraph separators that reorder or break a terminal line) become visible escapes such as <c>\e</c>,
/// <c>\n</c> or <c>\u202E</c>, lone surrogates become <c>\uD800</c>, and long text is cut with an ellipsis.
/// A column named <c>"\e]0;title\a"</c> in a CSV thus prints as the seven characters <c>\e]0;title\a</c>, never as a
/// terminal command.
/// </summary>
public static class PrintableText
{
    /// <summary>How many characters of file content a message quotes before cutting it (the rest is "…").</summary>
    public const int DefaultMaxLength = 80;

    /// <summary>
    /// <paramref name="text"/> with every non-printable character escaped, cut to <paramref name="maxLength"/> characters
    /// of the original (then "…" appended). Printable text, including non-ASCII letters, is kept as is.
    /// </summary>
    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (text is null) return "null";
        bool cut = text.Length > maxLength;
        // Never cut between the halves of a surrogate pair.
        int keep = cut && maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        var source = cut ? text.AsSpan(0, Math.Max(0, keep)) : text.AsSpan();
        StringBuilder? sb = null;
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            string? escape = EscapeOf(source, i);
            if (escape is null)
            {
                sb?.Append(c);
                // Keep the pair's low half with it; '?.' would skip the ++i when nothing was escaped yet.
                if (char.IsHighSurrogate(c) && i + 1 < source.Length)
                {
                    i++;
                    sb?.Append(source[i]);
                }
                continue;
            }
            sb ??= new StringBuilder(source.Length + 16).Append(source[..i]);
            sb.Append(escape);
        }
        var result = sb?.ToString() ?? source.ToString();
        return cut ? result + "…" : result;
    }

    /// <summary><see cref="Escape"/> without cutting: whole messages and paths (empty for null). The CLI's error lines, the
    /// JSON readers' messages and the readers' quotes of file content all go through this one escaper.</summary>
    public static string Whole(string? text) => text is null ? "" : Escape(text, int.MaxValue);

    /// <summary><see cref="Escape"/> inside single quotes: the usual way messages quote a name or value from a file.</summary>
    public static string Quote(string? text, int maxLength = DefaultMaxLength) => $"'{Escape(text, maxLength)}'";

    /// <summary>True when <paramref name="text"/> has nothing <see cref="Escape"/> would change (ignoring length).</summary>
    public static bool IsPrintable(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (EscapeOf(text, i) is not null) return false;
            if (char.IsHighSurrogate(text[i])) i++;
        }
        return true;
    }

    // null when the character at i prints as itself; a valid surrogate pair is printable (its high half is checked here).
    private static string? EscapeOf(ReadOnlySpan<char> s, int i)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c)) return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? null : Hex(c);
        if (char.IsLowSurrogate(c)) return Hex(c);
        switch (c)
        {
            case '\\': return null;
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\a': return "\\a";
            case '\b': return "\\b";
            case '\f': return "\\f";
            case '\v': return "\\v";
            case '\0': return "\\0";
            case '\x1b': return "\\e";
        }
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse
            ? Hex(c) : null;
    }

    private static string Hex(char c) => c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}";
}
