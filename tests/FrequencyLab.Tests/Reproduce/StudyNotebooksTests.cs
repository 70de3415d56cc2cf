using System.Net;
using FrequencyLab.Claims;
using FrequencyLab.Notebooks;
using FrequencyLab.Reproduce;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Reproduce;

/// <summary>
/// In a study the notebooks show the study's own results: given the claims ledger's runs and the learnability matrix through
/// their parameters (what <see cref="NotebooksStage"/> injects), notebooks 02, 03, 04, 06 and 07 read those runs back instead of
/// training, label them with the ledger's scale, and give the same verdicts, word for word, as the study's claims.json.
/// </summary>
public class StudyNotebooksTests
{
    [Fact]
    public async Task Notebooks_given_the_study_folders_show_the_ledger_runs_and_verdicts_without_training_again()
    {
        using var tmp = new TempDir();
        var options = new ReproduceOptions(tmp.File("study"), RepoPaths.Root) { Profile = ReproduceProfile.Tiny, Jobs = 2, Notebooks = new NotebookExecutor() };
        var outcome = new ReproduceJob(options) { Stages = [new LearnabilityStage(), new ClaimsStage()] }.Run();
        Assert.All(outcome.Manifest.Stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        var context = new ReproduceContext(options);
        var ledgerRuns = NotebooksStage.StudyParameters(context).Single(p => p.Name == NotebooksStage.LedgerRunsParameter).Value;
        Assert.Equal(ReproduceProfile.Tiny.Ledger.Label, LedgerRunsFolder.Read(ledgerRuns).Label);
        var before = Snapshot(context.Layout.Root);
        var claims = LedgerClaim.Read(context.Layout.Claims).ToDictionary(c => c.Id);

        string[] names = ["02-divergence-diagnosis", "03-learning-rate-restarts", "04-convergence-prediction", "06-what-makes-it-learnable", "07-training-it-right"];
        var html = new Dictionary<string, string>();
        foreach (var name in names)
        {
            var source = RepoPaths.Combine("notebooks", name + ".ipynb");
            var parameters = NotebooksStage.Parameters(context, source);
            Assert.Contains(parameters, p => p.Name is NotebooksStage.LedgerRunsParameter or NotebooksStage.MatrixFolderParameter);
            var result = await new NotebookRunner().RunAsync(source, new NotebookRunOptions(tmp.File("out-" + name)) { Parameters = [.. parameters.Select(p => NotebookParameter.Create(p.Name, p.Value))] });
            Assert.All(result.Executed.Cells.Where(c => c.Type == CellType.Code), c => Assert.DoesNotContain(c.Outputs, o => o is ErrorOutput));
            html[name] = string.Join("\n", result.Executed.Cells.SelectMany(c => c.Outputs).Select(Text));
        }

        // Nothing was trained or rewritten: every file of the study is as the stages left it.
        var after = Snapshot(context.Layout.Root);
        var changed = before.Keys.Union(after.Keys).Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b).ToList();
        Assert.True(changed.Count == 0, "written by the notebooks: " + string.Join(", ", changed));
        // The ledger's scale is shown, and its verdicts are the notebooks' verdicts, explanation included.
        foreach (var name in names[..3]) Assert.Contains(WebUtility.HtmlEncode(ReproduceProfile.Tiny.Ledger.Label), html[name]);
        // H1's two halves, the root cause and the claims judged on the weights are shown with the ledger's verdicts too.
        foreach (var id in new[] { "loss-table-reproduces", "h1-lower-lr-removes-rise", "h1-overshoot-mechanism", "h2-adam-state", "h3-state-reset",
                     "h4-noise-forgetting", "h5-lucky-init", "root-cause-lr-too-high", "memory-carried-state-used", "gradient-flow-across-rows", "pathological-not-normal-variance" })
            Assert.Contains(WebUtility.HtmlEncode(claims[id].Explanation), html[names[0]]);
        Assert.Contains(WebUtility.HtmlEncode(claims["early-stopping-30-40"].Explanation), html[names[1]]);
        // Notebook 06 shows the study's matrix (the tiny one, with its label), not the full one its quick flag would pick.
        Assert.Contains($"Matrix: <strong>{ReproduceProfile.Tiny.Learnability.Label}</strong>", html[names[3]]);
        // Notebook 07 shows the study's recipe runs (the tiny recipe, labelled) and reads its seed-0 model from the study's store.
        Assert.Contains($"<strong>The recipe</strong> ({ReproduceProfile.Tiny.Learnability.Label} scale): {ReproduceProfile.Tiny.Learnability.Recipe!.Describe()}", html[names[4]]);
        Assert.Contains("checkpoint of " + context.Layout.Runs, html[names[4]]);
        Assert.Contains("recipe-additive-seed-0", html[names[4]]);
    }

    private static string Text(CellOutput output) => output switch
    {
        DisplayDataOutput d => string.Join("\n", d.Data.Values),
        ExecuteResultOutput r => string.Join("\n", r.Data.Values),
        StreamOutput s => s.Text,
        _ => "",
    };

    private static SortedDictionary<string, (long, DateTime)> Snapshot(string root) => new(
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f))), StringComparer.Ordinal);
}
