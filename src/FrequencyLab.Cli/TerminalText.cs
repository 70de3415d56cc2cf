using System.Globalization;
using System.Text;

namespace FrequencyLab.Cli;

/// <summary>
/// Text from files and command lines made safe to print on one terminal line. File content reaches messages (a CSV
/// column name, a notebook's exception, a path): written raw, an ESC or C1 control would let a file retitle the terminal,
/// colour the output or move the cursor, and a newline would split the one error line. Every C0 and C1 control, DEL,
/// the Unicode line/paragraph separators and the bidirectional overrides (which reorder what is shown) are written as
/// visible escapes instead: <c>\e</c> for ESC, <c>\n \r \t</c>, <c>\xHH</c> for other C0 controls and DEL,
/// <c>\uHHHH</c> above U+007F. Everything else is kept as is.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every control character written as a visible escape (see the class remarks).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int first = 0;
        while (first < text.Length && !NeedsEscape(text, first)) first++;
        if (first == text.Length) return text;
        var b = new StringBuilder(text.Length + 16);
        b.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(text, i)) { b.Append(c); continue; }
            switch (c)
            {
                case '\x1b': b.Append("\\e"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    b.Append(c <= '\x7f'
                        ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                        : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
                    break;
            }
        }
        return b.ToString();
    }

    /// <summary>True for what <see cref="Escape"/> rewrites: C0, DEL, C1, U+2028/U+2029, the bidi embeddings, overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069).</summary>
    public static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    // A surrogate is kept only as half of a pair: an unpaired one (no terminal can show it) is escaped too.
    private static bool NeedsEscape(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return NeedsEscape(c);
    }
}
