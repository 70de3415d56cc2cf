using CsCheck;
using FrequencyLab.IO;

namespace FrequencyLab.Tests.Data;

/// <summary><see cref="PrintableText"/>: file content in a message is printable, one line, and cut when long.</summary>
public class PrintableTextTests
{
    [Theory]
    [InlineData("C1", "C1")]
    [InlineData("\u001b]0;title\a\u001b[31mred", @"\e]0;title\a\e[31mred")]
    [InlineData("a\nb\r\tc\0", @"a\nb\r\tc\0")]
    [InlineData("\u0085\u009b\u007f", @"\x85\x9B\x7F")]
    [InlineData("\u202Eevil\u2028", @"\u202Eevil\u2028")]
    [InlineData("résumé 1 Hz − ∞ ×", "résumé 1 Hz − ∞ ×")]
    [InlineData("a\\b", "a\\b")]
    public void Control_characters_become_visible_escapes(string text, string expected)
    {
        Assert.Equal(expected, PrintableText.Escape(text));
        Assert.True(PrintableText.IsPrintable(PrintableText.Escape(text)));
    }

    [Fact]
    public void Long_text_is_cut_without_splitting_a_surrogate_pair()
    {
        Assert.Equal(new string('x', 80) + "…", PrintableText.Escape(new string('x', 500)));
        Assert.Equal(new string('x', 79) + "…", PrintableText.Escape(new string('x', 79) + "😀😀"));
        Assert.Equal("'ab…'", PrintableText.Quote("abc", 2));
        // A lone surrogate half is not text: it is escaped too.
        Assert.Equal(@"\uD800x\uDC00", PrintableText.Escape("\ud800x\udc00"));
    }

    [Fact]
    public void Any_string_escapes_to_printable_text_of_bounded_length()
    {
        Gen.String[Gen.Char, 0, 200].Sample(s =>
        {
            var e = PrintableText.Escape(s);
            Assert.True(PrintableText.IsPrintable(e), e);
            Assert.True(e.Length <= 80 * 6 + 1);
            if (PrintableText.IsPrintable(s) && s.Length <= 80) Assert.Equal(s, e);
        }, iter: 2000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_surrogate_pair_before_the_first_escape_stays_whole()
    {
        // The pair comes before anything is escaped: the escaper must still step over its low half, not escape it alone.
        Assert.Equal(@"a😀\e", PrintableText.Escape("a😀\x1b"));
        Assert.Equal(@"😀\uDC00", PrintableText.Escape("😀\uDC00"));
        Assert.Equal("😀😀", PrintableText.Escape("😀😀"));
    }
}
