using FrequencyLab.Charts;

namespace FrequencyLab.Tests.Charts;

public class ProseAndTableTests
{
    [Fact]
    public void Markdown_renders_CommonMark_and_encodes_raw_html()
    {
        var html = new Markdown("# Title\n\nMSE is **0.5** and `S` is *noise* <b>x</b>\n\n- one\n- two").ToHtml();
        Assert.StartsWith("<div class=\"freqlab-prose\">", html);
        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<p>MSE is <strong>0.5</strong> and <code>S</code> is <em>noise</em> &lt;b&gt;x&lt;/b&gt;</p>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
    }

    [Fact]
    public void Products_with_asterisks_are_not_italic()
    {
        Assert.Contains("K*N and a*b", new Markdown("K*N and a*b").ToHtml());
    }

    [Fact]
    public void HtmlTable_encodes_cells_and_rejects_ragged_rows()
    {
        var table = new HtmlTable(["a", "b"], [new[] { "<1>", "2" }], "cap");
        Assert.Contains("<td style=\"padding:2px 8px\">&lt;1&gt;</td>", table.ToHtml());
        Assert.Contains("<caption", table.ToHtml());
        Assert.Equal("a    b\n<1>  2", table.ToString());
        var e = Assert.Throws<ArgumentException>(() => new HtmlTable(["a", "b"], [new[] { "1" }]));
        Assert.Contains("row 0 has 1 cells for 2 columns", e.Message);
    }
}
