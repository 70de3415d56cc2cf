using System.Net;
using System.Text.RegularExpressions;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.NotebookContent;

/// <summary>
/// Notebook 01's prose states what the data showed, never what it was expected to show: its markdown cells type no number
/// beyond the task's definition and the report's quoted figures, and its computed prose and chart titles follow the data
/// (a per-series signal, where the clean phases survive in S, turns the verdicts around).
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
    public async Task With_per_series_noise_the_computed_prose_and_the_spectrum_title_report_the_opposite_findings()
    {
        using var dir = new TempDir();
        var options = new NotebookRunOptions(dir.Path)
        {
            Parameters = [NotebookParameter.Create("quick", true), NotebookParameter.Create("noise", "per-series")],
        };
        var result = await new NotebookRunner().RunAsync(NotebookPath, options);
        var text = WebUtility.HtmlDecode(Tag().Replace(string.Join("\n", result.Executed.Cells
            .SelectMany(c => c.Outputs).OfType<DisplayDataOutput>().Select(o => o.Data.GetValueOrDefault(MimeTypes.Html, ""))), ""));

        // One A and phi per series: consecutive draws repeat, S holds the four lines, and S correlates with the targets.
        Assert.Contains("per-sample randomization is implemented as specified is not confirmed", text);
        Assert.Contains("In the task's S(t), 4 of 4 frequencies rise above the largest noise bin", text);
        Assert.Contains("The report's FFT claim is confirmed for S", text);
        Assert.Contains("S(t) retains some information about the targets", text);
        Assert.DoesNotContain("has no line at", text);
        Assert.DoesNotContain("carries no usable information", text);
        // Derivations that hold only for per-sample draws are not stated for a per-series signal.
        Assert.DoesNotContain("carries no trace of the phase", text);
        Assert.DoesNotContain("hides the target from S completely", text);
        Assert.Contains("a phase-shifted copy of its target", text);
    }

    [Fact]
    public async Task With_the_reports_per_sample_noise_the_spectrum_title_says_what_was_measured()
    {
        using var dir = new TempDir();
        var options = new NotebookRunOptions(dir.Path) { Parameters = [NotebookParameter.Create("quick", true)] };
        var result = await new NotebookRunner().RunAsync(NotebookPath, options);
        var html = string.Join("\n", result.Executed.Cells.SelectMany(c => c.Outputs).OfType<DisplayDataOutput>()
            .Select(o => o.Data.GetValueOrDefault(MimeTypes.Html, "")));
        var measured = Regex.Match(WebUtility.HtmlDecode(Tag().Replace(html, "")), @"In the task's S\(t\), (\d) of 4 frequencies rise");
        Assert.True(measured.Success, "the spectrum prose is missing");
        Assert.Contains($"Amplitude spectra (train): {measured.Groups[1].Value} of 4 frequencies stand out in S(t)", html);
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")] private static partial Regex Number();
    [GeneratedRegex("<[^>]+>")] private static partial Regex Tag();
}
