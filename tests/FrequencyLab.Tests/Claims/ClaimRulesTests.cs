using FrequencyLab.Claims;
using FrequencyLab.Findings;

namespace FrequencyLab.Tests.Claims;

/// <summary>Every rule of the ledger, driven by synthetic measurements to each of its verdicts.</summary>
public class ClaimRulesTests
{
    private static SeedValues V(params double[] values) => new("q", values);

    [Theory]
    [InlineData(new double[] { 0.3, 0.4, 0.5 }, Verdict.Supported)]
    [InlineData(new double[] { 0.1, 0.15, 0.19 }, Verdict.Contradicted)]
    [InlineData(new double[] { 0.1, 0.4, 0.5 }, Verdict.Inconclusive)]
    [InlineData(new double[] { 0.3, 0.4 }, Verdict.Inconclusive)] // fewer than 3 seeds never decide
    [InlineData(new double[] { 0.3, double.NaN, 0.5 }, Verdict.Inconclusive)]
    public void Side_above(double[] values, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.Side(V(values), 0.2, claimAbove: true).Verdict);

    [Theory]
    [InlineData(new double[] { 0.1, 0.15, 0.19 }, Verdict.Supported)]
    [InlineData(new double[] { 0.3, 0.4, 0.5 }, Verdict.Contradicted)]
    [InlineData(new double[] { 0.1, 0.4, 0.15 }, Verdict.Inconclusive)]
    public void Side_below(double[] values, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.Side(V(values), 0.2, claimAbove: false).Verdict);

    [Theory]
    [InlineData(new double[] { 0.27, 0.3, 0.285 }, Verdict.Supported)]
    [InlineData(new double[] { 0.5, 0.49, 0.51 }, Verdict.Contradicted)]
    [InlineData(new double[] { 0.1, 0.5, 0.4 }, Verdict.Contradicted)] // all outside, on either side
    [InlineData(new double[] { 0.3, 0.5, 0.29 }, Verdict.Inconclusive)]
    public void Near(double[] values, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.Near(V(values), 0.285, 1.25).Verdict);

    [Theory]
    [InlineData(new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.3, 0.31, 0.35 }, Verdict.Supported)]
    [InlineData(new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.495, 0.5, 0.6 }, Verdict.Contradicted)]
    [InlineData(new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.3, 0.5, 0.3 }, Verdict.Inconclusive)]
    [InlineData(new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.3, 0.3 }, Verdict.Inconclusive)] // unpaired
    public void PairedImprovement(double[] baseline, double[] treatment, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.PairedImprovement(V(baseline), V(treatment), 0.01, "t").Verdict);

    [Fact]
    public void PairedImprovement_pairs_by_seed_not_by_sorted_value()
    {
        // Seed-wise the treatment is worse in seed 0 and better in seeds 1, 2 by 0.3; unpaired medians would say "better".
        var r = ClaimRules.PairedImprovement(V(0.2, 0.6, 0.6), V(0.3, 0.3, 0.3), 0.01, "t");
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("2 of 3", r.Reason);
    }

    [Theory]
    [InlineData(Verdict.Supported, Verdict.Contradicted)]
    [InlineData(Verdict.Contradicted, Verdict.Supported)]
    [InlineData(Verdict.Inconclusive, Verdict.Inconclusive)]
    public void Negate_swaps_supported_and_contradicted(Verdict input, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.Negate(new RuleResult(input, "r", "why"), "not r").Verdict);

    [Theory]
    [InlineData(18241, Verdict.Supported)]
    [InlineData(18240, Verdict.Contradicted)]
    public void Exact(long measured, Verdict expected) => Assert.Equal(expected, ClaimRules.Exact(measured, 18241, "count").Verdict);

    [Theory]
    [InlineData(0.015, Verdict.Supported)]
    [InlineData(0.0, Verdict.Contradicted)]
    [InlineData(0.5, Verdict.Contradicted)]
    public void InRange(double measured, Verdict expected) => Assert.Equal(expected, ClaimRules.InRange(measured, 0.01, 0.02, "x").Verdict);

    [Theory]
    [InlineData(20.0, Verdict.Supported)]
    [InlineData(9.0, Verdict.Supported)]
    [InlineData(50.0, Verdict.Inconclusive)]
    [InlineData(3.0, Verdict.Contradicted)]
    [InlineData(100.0, Verdict.Contradicted)]
    [InlineData(double.NaN, Verdict.Inconclusive)]
    public void WithinFactor(double measured, Verdict expected) => Assert.Equal(expected, ClaimRules.WithinFactor(measured, 17, 2, 4, "t").Verdict);

    [Fact]
    public void TableReproduced_reaches_each_verdict()
    {
        double[] report = [0.28, 0.40, 0.41, 0.46, 0.46];
        SeedValues[] Around(Func<int, double> centre) => Enumerable.Range(0, 5).Select(i => V(centre(i) - 0.01, centre(i), centre(i) + 0.01)).ToArray();
        Assert.Equal(Verdict.Supported, ClaimRules.TableReproduced(report, Around(i => report[i])).Verdict);
        Assert.Equal(Verdict.Contradicted, ClaimRules.TableReproduced(report, Around(_ => 0.1)).Verdict);
        Assert.Equal(Verdict.Inconclusive, ClaimRules.TableReproduced(report, Around(i => i < 3 ? report[i] : 0.1)).Verdict); // 2 outside
    }

    private static readonly (int, double)[] Curve = [(1, 0.45), (5, 0.28), (10, 0.18), (20, 0.085)];

    [Fact]
    public void Forecast_reaches_each_verdict()
    {
        SeedValues? Measured(int epoch, Func<double, double> f) => Curve.Where(c => c.Item1 == epoch).Select(c => V(f(c.Item2), f(c.Item2), f(c.Item2))).FirstOrDefault();
        Assert.Equal(Verdict.Supported, ClaimRules.Forecast(Curve, e => Measured(e, p => p * 1.1)).Verdict);
        Assert.Equal(Verdict.Contradicted, ClaimRules.Forecast(Curve, e => Measured(e, _ => 0.5 * 4)).Verdict);
        // Only one of four points reached: a hit, but too little of the curve to support it.
        Assert.Equal(Verdict.Inconclusive, ClaimRules.Forecast(Curve, e => e == 1 ? V(0.45, 0.45, 0.45) : null).Verdict);
        // Seeds split at every point.
        Assert.Equal(Verdict.Inconclusive, ClaimRules.Forecast(Curve, e => Curve.Where(c => c.Item1 == e).Select(c => V(c.Item2, c.Item2 * 3, c.Item2)).First()).Verdict);
    }

    [Fact]
    public void Criteria_reach_each_verdict()
    {
        (int, double)[] criteria = [(5, 0.25), (10, 0.18)];
        Assert.Equal(Verdict.Supported, ClaimRules.Criteria(criteria, e => V(0.1, 0.1, 0.1)).Verdict);
        Assert.Equal(Verdict.Contradicted, ClaimRules.Criteria(criteria, e => e == 10 ? V(0.5, 0.5, 0.5) : V(0.1, 0.1, 0.1)).Verdict);
        Assert.Equal(Verdict.Inconclusive, ClaimRules.Criteria(criteria, e => e == 5 ? V(0.1, 0.1, 0.1) : null).Verdict); // epoch 10 not reached
        Assert.Equal(Verdict.Inconclusive, ClaimRules.Criteria(criteria, e => V(0.1, 0.5, 0.1)).Verdict);
    }

    [Fact]
    public void EpochsToTarget_reaches_each_verdict()
    {
        ClaimRules.TargetRow[] rows = [new(0.05, 3, 0.9), new(0.01, 4, 0.65), new(0.001, 6, 0.3)];
        IReadOnlyList<double> C(params double[] x) => x;
        var fast = new[] { C(0.1, 0.04, 0.009, 0.008), C(0.1, 0.04, 0.009, 0.008), C(0.1, 0.04, 0.009, 0.008) };
        Assert.Equal(Verdict.Supported, ClaimRules.EpochsToTarget(rows, fast).Verdict);
        var stuck = Enumerable.Repeat(C(0.5, 0.5, 0.5, 0.5), 3).ToArray();
        Assert.Equal(Verdict.Contradicted, ClaimRules.EpochsToTarget(rows, stuck).Verdict);
        var shortRuns = Enumerable.Repeat(C(0.5, 0.5), 3).ToArray(); // ran 2 epochs: nothing missed, nothing met
        Assert.Equal(Verdict.Inconclusive, ClaimRules.EpochsToTarget(rows, shortRuns).Verdict);
        Assert.Equal(Verdict.Inconclusive, ClaimRules.EpochsToTarget(rows, fast.Take(2).ToArray()).Verdict);
    }

    [Fact]
    public void StopWithin_reaches_each_verdict()
    {
        Assert.Equal(Verdict.Supported, ClaimRules.StopWithin([31, 35, 40], [50, 50, 50], 30, 40).Verdict);
        Assert.Equal(Verdict.Contradicted, ClaimRules.StopWithin([12, null, 45], [50, 50, 50], 30, 40).Verdict);
        Assert.Equal(Verdict.Inconclusive, ClaimRules.StopWithin([null, null, null], [15, 15, 15], 30, 40).Verdict); // too short to tell
        Assert.Equal(Verdict.Inconclusive, ClaimRules.StopWithin([35, 12, 33], [50, 50, 50], 30, 40).Verdict);
    }

    [Fact]
    public void Rules_state_their_parameters_and_reasons_carry_the_numbers()
    {
        var r = ClaimRules.Side(V(0.3, 0.4, 0.5), 0.2, claimAbove: true);
        Assert.Contains("0.2", r.Rule);
        Assert.Contains("0.4", r.Reason);   // the median
        Assert.Contains("0.3–0.5", r.Reason); // the range
    }

    [Fact]
    public void Slope_and_median()
    {
        Assert.Equal(0.1, Stats.Slope([0.1, 0.2, 0.3, 0.4]), 12);
        Assert.Equal(0.25, Stats.Median([0.4, 0.1, 0.2, 0.3]), 12);
        Assert.True(double.IsNaN(Stats.Median([0.1, double.NaN])));
    }

    [Theory]
    // 0 of 3 under p = 0.55: 0.45³ ≈ 0.091 < 0.10, contradicted; 2 of 3 is the likeliest count, supported.
    [InlineData(0.55, 0, 3, 0, Verdict.Contradicted)]
    [InlineData(0.55, 1, 3, 0, Verdict.Supported)]
    [InlineData(0.55, 2, 3, 0, Verdict.Supported)]
    [InlineData(0.55, 3, 3, 0, Verdict.Supported)]
    // 3 of 3 under p = 0.25: 0.25³ ≈ 0.016, contradicted from above.
    [InlineData(0.25, 3, 3, 0, Verdict.Contradicted)]
    [InlineData(0.55, 0, 3, 1, Verdict.Inconclusive)]
    [InlineData(0.55, 0, 2, 0, Verdict.Inconclusive)]
    public void A_claimed_probability_is_judged_by_its_binomial_tail(double p, int k, int n, int undecided, Verdict expected) =>
        Assert.Equal(expected, ClaimRules.Probability(p, k, n, undecided, "success").Verdict);
}
