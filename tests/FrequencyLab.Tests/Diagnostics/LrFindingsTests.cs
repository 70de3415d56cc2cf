using FrequencyLab.Diagnostics;
using FrequencyLab.Findings;

namespace FrequencyLab.Tests.Diagnostics;

public class LrFindingsTests
{
    private static LrFinderResult R(double valley, double[]? losses = null)
    {
        losses ??= Enumerable.Repeat(0.5, 100).ToArray();
        var lrs = Enumerable.Range(0, losses.Length).Select(i => 1e-7 * Math.Pow(1e7, i / 100.0)).ToArray();
        return new LrFinderResult(new LrFinderSettings(), "fused", 0, lrs, losses, losses, false,
            [new("steep", 1e-4, 10, 0.5), new("valley", valley, 20, 0.5), new("minimum", 1e-3, 30, 0.5), new("lightning", 1e-6, 11, 0.5)]);
    }

    [Fact]
    public void Suggestion_rule_reaches_each_verdict()
    {
        Assert.Equal(Verdict.Supported, LrFindings.SuggestsBelow(R(1e-4), 1e-3).Verdict);
        Assert.Equal(Verdict.Contradicted, LrFindings.SuggestsBelow(R(3e-3), 1e-3).Verdict);
        Assert.Equal(Verdict.Inconclusive, LrFindings.SuggestsBelow(R(7e-4), 1e-3).Verdict);
        Assert.Equal(Verdict.Inconclusive, LrFindings.SuggestsBelow(R(double.NaN), 1e-3).Verdict);
        Assert.Equal(Verdict.Supported, LrFindings.SuggestsBelow(R(3e-3), 1e-3, "steep").Verdict);
    }

    [Fact]
    public void Noisy_early_steps_make_the_curve_unusable()
    {
        Assert.Equal(Verdict.Supported, LrFindings.SingleRowSteps(R(1e-4)).Verdict);
        var noisy = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 0.01 : 1.0).ToArray();
        Assert.Equal(Verdict.Contradicted, LrFindings.SingleRowSteps(R(1e-4, noisy)).Verdict);
        var mild = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 0.4 : 0.6).ToArray();
        Assert.Equal(Verdict.Inconclusive, LrFindings.SingleRowSteps(R(1e-4, mild)).Verdict);
    }
}
