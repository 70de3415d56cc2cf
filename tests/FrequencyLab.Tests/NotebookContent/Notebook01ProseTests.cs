using System.Net;
using System.Text.RegularExpressions;
using FrequencyLab.Charts;
using FrequencyLab.Findings;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.NotebookContent;

/// <summary>
/// Notebook 01 states what the data showed, never what it was expected to show: its markdown cells type no number beyond the
/// task's definition and the report's quoted figures, and its verdicts are <see cref="DataFindings"/> that follow the data
/// (a per-series signal, where the clean phases survive in S, turns them around).
/// </summary>
public partial class Notebook01ProseTests
{
    private static string NotebookPath => RepoPaths.Combine("notebooks", "01-data-validation.ipynb");

    // Numbers a markdown cell may type: the task's definition (1, 3, 5, 7 Hz; fs 1000 Hz; A ~ U(0.8, 1.2); phi ~ U(0, 2pi);
    // the 1/4 of the mean; four selectors C1..C4; L=1), the report's quoted figures (0.01-0.02 MSE of its section 8.2),
    // the notebook's own number and its section numbers. Anything else would be a result typed by hand.
    private static readonly HashSet<string> TaskNumbers = ["01", "0", "1", "2", "3", "4", "5", "6", "7", "1000", "0.8", "1.2", "0.01", "0.02", "8.2"];

    [Fact]
    public void Markdown_cells_type_no_number_beyond_the_task_definition_and_the_reports_quotes()
    {
        var notebook = NotebookFile.Read(NotebookPath);
        var typed = notebook.Cells.Where(c => c.Type == CellType.Markdown)
            .SelectMany(c => Number().Matches(c.Source).Select(m => (c.Id, m.Value)))
            .Where(x => !TaskNumbers.Contains(x.Value))
            .ToList();
        Assert.True(typed.Count == 0, "typed numbers in markdown cells: " + string.Join(", ", typed.Select(x => $"{x.Id}: {x.Value}")));
    }

    [Fact]
    public async Task With_per_series_noise_the_findings_turn_around()
    {
        var verdicts = Verdicts(await Run("per-series"));

        // One A and φ per series: consecutive draws repeat, S holds the four lines, and components keep their target's phase.
        Assert.Equal("contradicted", verdicts[DataFindings.RandomizationQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.ComponentQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.SpectrumQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.CorrelationQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.InformationQuestion]);
    }

    [Fact]
    public async Task With_the_reports_per_sample_noise_the_findings_and_the_spectrum_title_say_what_was_measured()
    {
        var html = await Run("per-sample");
        var verdicts = Verdicts(html);
        Assert.Equal(8, verdicts.Count); // every finding of the notebook was displayed
        Assert.Equal("supported", verdicts[DataFindings.RandomizationQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.StructureQuestion]);
        Assert.Equal("supported", verdicts[DataFindings.RowOrderQuestion]);
        // The chart title and the spectrum finding report the same measured count.
        var measured = Regex.Match(WebUtility.HtmlDecode(Tag().Replace(html, "")), @"In S\(t\), (\d) of 4 frequencies rise");
        Assert.True(measured.Success, "the spectrum finding is missing");
        Assert.Contains($"Amplitude spectra (train): {measured.Groups[1].Value} of 4 frequencies stand out in S(t)", html);
        Assert.Equal(measured.Groups[1].Value == "0" ? "contradicted" : measured.Groups[1].Value == "4" ? "supported" : "inconclusive",
            verdicts[DataFindings.SpectrumQuestion]);
    }

    /// <summary>Runs notebook 01 in quick mode with the given noise mode; returns the HTML of all its display outputs.</summary>
    private static async Task<string> Run(string noise)
    {
        using var dir = new TempDir();
        var options = new NotebookRunOptions(dir.Path)
        {
            Parameters = [NotebookParameter.Create("quick", true), NotebookParameter.Create("noise", noise)],
        };
        var result = await new NotebookRunner().RunAsync(NotebookPath, options);
        return string.Join("\n", result.Executed.Cells.SelectMany(c => c.Outputs).OfType<DisplayDataOutput>()
            .Select(o => o.Data.GetValueOrDefault(MimeTypes.Html, "")));
    }

    /// <summary>Each displayed finding's question and verdict, as its HTML carries them.</summary>
    private static Dictionary<string, string> Verdicts(string html) =>
        FindingHtml().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["question"].Value), m => m.Groups["verdict"].Value);

    [GeneratedRegex("class=\"freqlab-finding\" data-verdict=\"(?<verdict>\\w+)\".*?<strong>(?<question>.*?)</strong>")] private static partial Regex FindingHtml();
    [GeneratedRegex(@"\d+(?:[.,]\d+)*")] private static partial Regex Number();
    [GeneratedRegex("<[^>]+>")] private static partial Regex Tag();
}
