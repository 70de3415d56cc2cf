using FrequencyLab.Notebooks;

namespace FrequencyLab.Tests.Notebooks;

public class MarkdownRendererTests
{
    [Theory]
    [InlineData("# Title", "<h1 id=\"title\">Title</h1>\n")]
    [InlineData("### A *b*", "<h3 id=\"a-b\">A <em>b</em></h3>\n")]
    [InlineData("plain & <i>tag</i> **bold** _em_ `a<b>` [link](http://x.org/?a=1&b=2)",
        "<p>plain &amp; <i>tag</i> <strong>bold</strong> <em>em</em> <code>a&lt;b&gt;</code> <a href=\"http://x.org/?a=1&amp;b=2\">link</a></p>\n")]
    [InlineData("math $a_i * b_j$ stays", "<p>math <span class=\"math\">$a_i * b_j$</span> stays</p>\n")]
    [InlineData("```csharp\nvar x = a < b;\n```", "<pre><code class=\"language-csharp\">var x = a &lt; b;</code></pre>\n")]
    [InlineData("- one\n- two\n  - nested\n- three", "<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>three</li>\n</ul>\n")]
    [InlineData("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n")]
    [InlineData("| a | b |\n|---|--:|\n| 1 | `x|y` |", "<table>\n<thead><tr><th>a</th><th style=\"text-align:right\">b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td style=\"text-align:right\"><code>x|y</code></td></tr>\n</tbody>\n</table>\n")]
    [InlineData("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>\n")]
    [InlineData("a\nb\n\nc", "<p>a\nb</p>\n<p>c</p>\n")]
    [InlineData("---", "<hr>\n")]
    [InlineData("<span id=\"x\">raw</span>", "<span id=\"x\">raw</span>\n")]
    [InlineData("<0.01 is not a tag", "<p>&lt;0.01 is not a tag</p>\n")]
    [InlineData("snake_case_name and 2*3*4", "<p>snake_case_name and 2*3*4</p>\n")]
    public void Renders_the_subset_notebooks_use(string markdown, string html) =>
        Assert.Equal(html, MarkdownRenderer.ToHtml(markdown));
}
