using FrequencyLab.Charts;

namespace FrequencyLab.Tests.Charts;

public class MarkdownRendererTests
{
    [Theory]
    [InlineData("# Title", "<h1 id=\"title\">Title</h1>\n")]
    [InlineData("### A *b*", "<h3 id=\"a-b\">A <em>b</em></h3>\n")]
    [InlineData("## 3. H1 — the learning rate is too high", "<h2 id=\"3-h1--the-learning-rate-is-too-high\">3. H1 — the learning rate is too high</h2>\n")]
    [InlineData("plain & <i>tag</i> **bold** _em_ `a<b>` [link](http://x.org/?a=1&b=2)",
        "<p>plain &amp; <i>tag</i> <strong>bold</strong> <em>em</em> <code>a&lt;b&gt;</code> <a href=\"http://x.org/?a=1&amp;b=2\">link</a></p>\n")]
    [InlineData("math $a_i * b_j$ stays", "<p>math <span class=\"math\">\\(a_i * b_j\\)</span> stays</p>\n")]
    [InlineData("```csharp\nvar x = a < b;\n```", "<pre><code class=\"language-csharp\">var x = a &lt; b;\n</code></pre>\n")]
    [InlineData("- one\n- two\n  - nested\n- three", "<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>three</li>\n</ul>\n")]
    [InlineData("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n")]
    [InlineData("| a | b |\n|---|--:|\n| 1 | `x*y` |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th style=\"text-align: right;\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td style=\"text-align: right;\"><code>x*y</code></td>\n</tr>\n</tbody>\n</table>\n")]
    [InlineData("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>\n")]
    [InlineData("a\nb\n\nc", "<p>a\nb</p>\n<p>c</p>\n")]
    [InlineData("---", "<hr />\n")]
    [InlineData("<span id=\"x\">raw</span>", "<p><span id=\"x\">raw</span></p>\n")]
    [InlineData("<0.01 is not a tag", "<p>&lt;0.01 is not a tag</p>\n")]
    [InlineData("snake_case_name and 2*3*4", "<p>snake_case_name and 2*3*4</p>\n")]
    public void Notebook_cells_render_as_CommonMark_with_tables_math_raw_html_and_heading_ids(string markdown, string html) =>
        Assert.Equal(html, MarkdownRenderer.CellToHtml(markdown));

    [Theory]
    [InlineData("# Title", "<h1>Title</h1>\n")]
    [InlineData("MSE is **0.5** <b>x</b> & <script>alert(1)</script>", "<p>MSE is <strong>0.5</strong> &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n")]
    [InlineData("<div onclick=\"x\">block</div>", "<p>&lt;div onclick=&quot;x&quot;&gt;block&lt;/div&gt;</p>\n")]
    public void Values_render_with_raw_html_as_text_and_no_heading_ids(string markdown, string html) =>
        Assert.Equal(html, MarkdownRenderer.ValuesToHtml(markdown));

    [Fact]
    public void Heading_ids_drop_punctuation_lower_case_and_turn_spaces_into_dashes() =>
        Assert.Equal("3-h1--the-learning-rate-is-too-high", MarkdownRenderer.HeadingId("3. H1 — the Learning rate is too high!"));
}
