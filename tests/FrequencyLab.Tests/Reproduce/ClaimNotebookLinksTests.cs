using FrequencyLab.Charts;
using FrequencyLab.Claims;
using FrequencyLab.Notebooks;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>The claims file's notebook links (data/report-claims.json "notebook") point at a heading that the notebook's HTML
/// page really has, and the study's page turns them into links to its executed notebooks.</summary>
public class ClaimNotebookLinksTests
{
    [Fact]
    public void Every_notebook_link_of_the_claims_file_names_a_notebook_and_a_heading_anchor_its_page_has()
    {
        var linked = ReportClaims.Embedded().Where(c => c.Notebook is not null).ToList();
        Assert.True(linked.Count >= 20, $"only {linked.Count} claims link a notebook section");
        foreach (var claim in linked)
        {
            var parts = claim.Notebook!.Split('#');
            Assert.Equal(2, parts.Length);
            var path = Path.Combine(RepoPaths.Root, "notebooks", parts[0]);
            Assert.True(File.Exists(path), $"{claim.Id}: {parts[0]} is not in notebooks/");
            // The anchors the notebook's HTML page gives its headings: its markdown cells rendered as the page renders them.
            var html = string.Concat(NotebookFile.Read(path).Cells.Where(c => c.Type == CellType.Markdown).Select(c => MarkdownRenderer.CellToHtml(c.Source)));
            Assert.True(html.Contains($" id=\"{parts[1]}\">", StringComparison.Ordinal), $"{claim.Id}: {parts[0]} has no heading with id \"{parts[1]}\"");
        }
    }

    [Fact]
    public void A_notebook_reference_becomes_a_link_to_the_studys_executed_page_with_its_anchor_or_none_without_one()
    {
        var claim = new LedgerClaim("h1", "§2.2", "q", "supported", "r", "e", "x", [], "02-divergence-diagnosis.ipynb#3-h1");
        var executed = new NotebookSummary("02-divergence-diagnosis.ipynb", "02", "notebooks/02-divergence-diagnosis.html", true, 3, 0, []);
        var notExecuted = executed with { Html = null, Executed = false };
        Assert.Equal("notebooks/02-divergence-diagnosis.html#3-h1", claim.LinkedTo([executed]).Notebook);
        Assert.Null(claim.LinkedTo([notExecuted]).Notebook);
        Assert.Null(claim.LinkedTo([]).Notebook);
        Assert.Equal("notebooks/x.html#a", (claim with { Notebook = "notebooks/x.html#a" }).LinkedTo([executed]).Notebook);
    }

    [Fact]
    public void A_claims_file_whose_notebook_field_is_not_a_notebook_reference_is_refused_naming_it()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "data", "report-claims.json"))
            .Replace("\"notebook\": \"02-divergence-diagnosis.ipynb#1-the-reports-run-rerun-over-init-seeds\"", "\"notebook\": 3");
        var e = Assert.Throws<FrequencyLabException>(() => ReportClaims.Parse(json, "claims.json"));
        Assert.Contains("\"notebook\"", e.Message);
    }
}
