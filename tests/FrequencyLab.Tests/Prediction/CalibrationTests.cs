using FrequencyLab.Prediction;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Prediction;

/// <summary>
/// Band coverage measured, not assumed: curves of known families with log-normal noise, fitted on their first epochs and
/// scored on the held-out rest (<see cref="Backtest"/>). The nominal level is 0.9.
/// </summary>
public class CalibrationTests(ITestOutputHelper output)
{
    private static IEnumerable<LearningCurve> Curves(int seeds)
    {
        for (int seed = 0; seed < seeds; seed++)
        {
            yield return SyntheticCurves.Noisy(new Pow3Curve(), [0.01, 0.4, 0.8], 30, 0.05, 1000 + seed);
            yield return SyntheticCurves.Noisy(new Exp3Curve(), [0.02, 0.12, Math.Log(0.4)], 30, 0.05, 2000 + seed);
            yield return SyntheticCurves.Noisy(new MmfCurve(), [0.015, 0.4, 0.2, 1.3], 30, 0.05, 3000 + seed);
        }
    }

    private double Coverage(int seeds, int fitted, int replicates)
    {
        var scores = Backtest.Table(Curves(seeds), [fitted], new PredictionOptions(0.02, Replicates: replicates, Seed: 7));
        double coverage = scores.Average(s => s.Coverage);
        output.WriteLine($"{scores.Count} backtests fitted on {fitted} of 30 epochs: mean coverage {coverage:0.###} (nominal 0.9); "
                         + $"median |ln error| at epoch 30 {scores.Select(s => Math.Abs(s.LastLogError)).OrderBy(e => e).ElementAt(scores.Count / 2):0.###}");
        output.WriteLine(Backtest.Calibration(scores, 0.9).ToString());
        return coverage;
    }

    // Fast version: 12 curves. Tolerance: a 90 % band must cover between 75 % and 99 % of 12 × 15 held-out points.
    [Fact]
    public void Band_coverage_is_near_nominal_on_known_families()
    {
        Assert.InRange(Coverage(seeds: 4, fitted: 15, replicates: 100), 0.75, 0.99);
    }

    // Slow version: 90 curves, 200 replicates, tolerance ±0.07 around the nominal 0.9.
    [Fact]
    [Trait("Category", "Slow")]
    public void Band_coverage_is_within_seven_points_of_nominal_over_many_seeds()
    {
        Assert.InRange(Coverage(seeds: 30, fitted: 15, replicates: 200), 0.83, 0.97);
    }

    [Fact]
    public void Calibration_finding_follows_the_measured_coverage()
    {
        static BacktestScore Row(double coverage) => new("c", 10, 10, PredictionStatus.Predicted, coverage, 0.1, 0.1, 0, true, 0.5, true);
        Assert.Equal(FrequencyLab.Findings.Verdict.Supported, Backtest.Calibration(Enumerable.Repeat(Row(0.88), 6).ToArray(), 0.9).Verdict);
        Assert.Equal(FrequencyLab.Findings.Verdict.Contradicted, Backtest.Calibration(Enumerable.Repeat(Row(0.5), 6).ToArray(), 0.9).Verdict);
        Assert.Equal(FrequencyLab.Findings.Verdict.Inconclusive, Backtest.Calibration(Enumerable.Repeat(Row(0.9), 3).ToArray(), 0.9).Verdict);
    }
}
