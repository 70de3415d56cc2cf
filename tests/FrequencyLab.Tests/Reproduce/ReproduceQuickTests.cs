using System.Text.Json;
using FrequencyLab.Notebooks;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.Charts;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary><c>freqlab reproduce --quick</c> as a user runs it, every stage and notebook included (minutes: Slow).</summary>
public class ReproduceQuickTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Reproduce_quick_runs_every_stage_and_notebook_and_writes_a_page_that_renders_offline()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("study");
        var r = Freqlab.Run("reproduce", "--quick", "--out", folder);
        Assert.True(r.ExitCode == 0, r.StdErr + r.StdOut);

        var manifest = ReproduceManifest.TryRead(Path.Combine(folder, "reproduce.json"))!;
        Assert.Equal("quick", manifest.Profile);
        Assert.Equal(ReproduceStages.Default.Select(s => s.Name), manifest.Stages.Select(s => s.Name));
        Assert.All(manifest.Stages, s => Assert.Equal(StageStatus.Completed, s.Status));

        var notebooks = Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb");
        foreach (var source in notebooks)
        {
            var executed = NotebookFile.Read(Path.Combine(folder, "notebooks", Path.GetFileName(source)));
            Assert.Empty(executed.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
            Assert.All(executed.Cells.Where(c => c.Type == CellType.Code), c => Assert.NotNull(c.ExecutionCount));
            Assert.True(File.Exists(Path.Combine(folder, "notebooks", Path.ChangeExtension(Path.GetFileName(source), ".html"))));
        }

        // The notebooks showed the study's own ledger runs (at the quick ledger's scale), not runs of their own.
        var divergence = string.Join("\n", NotebookFile.Read(Path.Combine(folder, "notebooks", "02-divergence-diagnosis.ipynb")).Cells
            .SelectMany(c => c.Outputs).OfType<DisplayDataOutput>().SelectMany(o => o.Data.Values));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ReproduceProfile.Quick.Ledger.Label), divergence);

        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.Contains("<title>[QUICK] ", html);
        Assert.Contains("id=\"claims\"", html);
        Assert.Equal(notebooks.Length, StudyPage.Count(html, "<tr class=\"notebook\" data-errors=\"0\" data-executed=\"true\">"));
        // The key chart, the report's run, the proposed fix, the sweep, the two forecast bands, the learnability matrix.
        var figures = StudyPage.Figures(html);
        Assert.Equal(7, figures.Count);
        Assert.All(figures, f => Assert.True(StudyPage.FinitePoints(f) >= 2));

        var shot = HeadlessChromium.Screenshot(Path.Combine(folder, "index.html"), tmp.Path, 1200, 2400);
        Assert.True(PixelStats.Of(PngImage.Read(shot.ScreenshotPath)).NonBackgroundFraction > 0.10);
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        Assert.Equal("quick", results.RootElement.GetProperty("profile").GetString());
    }
}
