using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Learnability;

/// <summary>The recipe search: budgets cheapest first, stopping at the first that passes in every seed; real runs on the quick
/// matrix's small model (320 rows), kept in a store a rerun reads back.</summary>
public class RecipeSearchTests
{
    private static readonly LearnabilitySettings Quick = StudyScales.Quick.Learnability;

    private static RecipeSearch Search(double target, string? store = null) => new(Quick, Quick.Recipe!)
    {
        Target = target, Windows = [40, 10], Epochs = [2, 1], StoreFolder = store, Workers = 2,
    };

    [Fact]
    public void It_stops_at_the_cheapest_budget_that_passes_in_every_seed()
    {
        using var dir = new TempDir();
        var outcome = Search(target: 100, dir.Path).Run();
        // Every window of the cheapest budget (1 epoch) ran, nothing dearer; the smallest passing window is the answer.
        Assert.Equal([(10, 1), (40, 1)], outcome.Trials.Select(t => (t.Recipe.Window, t.Recipe.Epochs)));
        Assert.All(outcome.Trials, t => Assert.Equal(Quick.InitSeeds.Length, t.TestMse.Count));
        Assert.Equal((10, 1), (outcome.Cheapest!.Recipe.Window, outcome.Cheapest.Recipe.Epochs));
        Assert.Equal(2 * Quick.InitSeeds.Length, Directory.GetDirectories(dir.Path).Length);

        // Again on the same store: the runs are read back, nothing is trained or rewritten.
        var stamps = Directory.GetFiles(dir.Path, "history.json", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = Search(target: 100, dir.Path).Run();
        Assert.Equal(outcome.Trials.Select(t => t.TestMse.ToArray()), again.Trials.Select(t => t.TestMse.ToArray()));
        Assert.All(stamps, kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
    }

    [Fact]
    public void When_nothing_passes_every_budget_is_tried_and_there_is_no_answer()
    {
        var outcome = Search(target: 1e-12).Run();
        Assert.Equal([(10, 1), (40, 1), (10, 2), (40, 2)], outcome.Trials.Select(t => (t.Recipe.Window, t.Recipe.Epochs)));
        Assert.Null(outcome.Cheapest);
        Assert.All(outcome.Trials, t => Assert.False(t.Passes));
        Assert.All(outcome.Trials, t => Assert.Equal(t.TestMse.Max(), t.WorstMse));
    }

    [Fact]
    public void A_bad_search_is_one_line()
    {
        Assert.Throws<InvalidSpecException>(() => Search(0).Run());
        Assert.Throws<InvalidSpecException>(() => new RecipeSearch(Quick, Quick.Recipe!) { Windows = [] }.Run());
    }
}
