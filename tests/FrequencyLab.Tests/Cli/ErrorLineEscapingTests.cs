using FrequencyLab.IO;
using System.Text;
using CsCheck;
using FrequencyLab.Cli;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Cli;

/// <summary>
/// Whatever a file or a command line holds, what freqlab prints about it is one line with no control character: no ESC
/// (no retitled terminal, no colours), no C1 control, no newline splitting the error line, no bidi override.
/// </summary>
public class ErrorLineEscapingTests
{
    // Every UTF-16 code unit (lone surrogates included), weighted towards the dangerous ones.
    private static readonly Gen<char> AnyChar = Gen.OneOf(Gen.Char[(char)0, (char)0xFFFF], Gen.Char[(char)0, (char)0x20], Gen.Char[(char)0x7F, (char)0x9F],
        Gen.Int[0, 6].Select(i => "\x1b\a\u009b\u202e\u2028\ud800\udc00"[i]));
    private static readonly Gen<string> AnyText = AnyChar.Array[0, 40].Select(c => new string(c));

    private static void AssertPrintable(string line)
    {
        foreach (char c in line) Assert.False(char.IsControl(c) || (!char.IsSurrogate(c) && !PrintableText.IsPrintable(c.ToString())), $"U+{(int)c:X4} in \"{line}\"");
        for (int i = 0; i < line.Length; i++)
        {
            if (char.IsHighSurrogate(line[i])) { Assert.True(i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]), line); i++; }
            else Assert.False(char.IsLowSurrogate(line[i]), line);
        }
    }

    [Fact]
    public void Escape_leaves_no_control_character_and_keeps_plain_text()
    {
        AnyText.Sample(text =>
        {
            var escaped = PrintableText.Whole(text);
            AssertPrintable(escaped);
            if (!text.Any(c => char.IsControl(c) || (!char.IsSurrogate(c) && !PrintableText.IsPrintable(c.ToString())) || char.IsSurrogate(c))) Assert.Equal(text, escaped);
        }, iter: 2000, seed: "0N0XIzNsQ0O2");
        Assert.Equal(@"a\e]0;title\a\e[31mred\x9B\n", PrintableText.Whole("a\x1b]0;title\a\x1b[31mred\u009b\n"));
    }

    [Fact]
    public void A_flag_value_with_any_characters_is_one_clean_error_line()
    {
        AnyText.Sample(text =>
        {
            var r = Freqlab.Run("bench", "--only", "x" + text);
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            AssertPrintable(line.TrimEnd('\r'));
            Assert.StartsWith("freqlab: error: ", line);
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_file_with_any_bytes_in_its_content_is_one_clean_error_line()
    {
        using var dir = new TempDir();
        Gen.Byte.Array[0, 60].Sample(bytes =>
        {
            var path = dir.File($"{Guid.NewGuid():N}.csv"); // CsCheck samples on several threads at once
            // A header, then a line that cannot be two numbers (it starts with 'x') and holds the bytes: echoed in the error.
            File.WriteAllBytes(path, [.. "epoch,value\nx"u8.ToArray(), .. bytes]);
            var r = Freqlab.Run("predict", path, "--target", "0.01");
            Assert.Equal(1, r.ExitCode);
            var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            AssertPrintable(line.TrimEnd('\r'));
            Assert.True(line.Contains("is not two numbers epoch,value", StringComparison.Ordinal), line);
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_terminal_escape_in_a_csv_header_does_not_reach_the_terminal()
    {
        using var dir = new TempDir();
        var path = dir.File("curve.csv");
        File.WriteAllText(path, "\x1b]0;pwned\a\x1b[31mred,value\n1,0.5\n", Encoding.UTF8);
        var r = Freqlab.Run("predict", path, "--target", "0.01");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.DoesNotContain('\x1b', line);
        Assert.Contains(@"\e]0;pwned\a\e[31mred,value", line);
    }
}
