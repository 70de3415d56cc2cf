using System.Text.Json;
using CsCheck;
using FrequencyLab.Data;
using FrequencyLab.Learnability;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

/// <summary>
/// The causal linear filter bound: against numpy's lstsq on the explicit zero-padded design matrix
/// (<c>scripts/linear_filter_reference.py</c>) on every noise model, a filter it must recover exactly, the least-squares
/// properties (never worse than predicting zero on train, more taps never worse on train), and where the bound is reported.
/// </summary>
public class CausalLinearFilterTests
{
    private sealed record RefFilter(int Taps, double[] Train_mse, double[] Test_mse, double[][] Weights);
    private sealed record RefRun(string Numpy, RefFilter[] Filters);

    /// <summary>Both sides solve the same least squares in double precision, numpy by SVD on X, ours by Cholesky on X'X
    /// (which squares X's condition number) with a 1e-10 relative ridge: agreement to 1e-7 of the MSE of predicting zero (the
    /// scale of every MSE here), far below the differences between taps that the bound is read for.</summary>
    private const double MseAgreement = 1e-7;

    [Theory]
    [InlineData(NoiseMode.PerSample)]
    [InlineData(NoiseMode.PerSeries)]
    [InlineData(NoiseMode.Additive)]
    public void Filters_match_numpy_lstsq_on_train_and_test(NoiseMode noise)
    {
        var spec = SignalSpec.Default with { Duration = 0.4, Noise = noise }; // 400 time samples
        var (train, test) = (FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks),
            FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Interleaved));
        int[] taps = [1, 5, 40];
        var options = ValidationOptions.Default with { LinearFilterTaps = taps, PolynomialDegrees = [0], QuantileBinCounts = [] };
        var ours = Baselines.Score(train, test, options).Where(b => b.Family == "linear-filter").ToArray();
        Assert.Equal(taps, ours.Select(b => b.Taps!.Value));

        var (trainGrid, testGrid) = (SeriesGrid.FromDataset(train), SeriesGrid.FromDataset(test));
        using var dir = new TempDir();
        File.WriteAllText(dir.File("input.json"), JsonSerializer.Serialize(new
        {
            train_s = trainGrid.Mixture, train_y = trainGrid.Targets, test_s = testGrid.Mixture, test_y = testGrid.Targets, taps,
        }));
        var reference = JsonSerializer.Deserialize<RefRun>(Python.Run(RepoPaths.Combine("scripts", "linear_filter_reference.py"), dir.File("input.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

        double zero = test.Targets.Select(y => y * y).Average();
        var tolerance = Tolerance.Relative(MseAgreement, floor: zero);
        for (int k = 0; k < taps.Length; k++)
        {
            NumericAssert.Within(reference.Filters[k].Test_mse, ours[k].MsePerFrequency, tolerance, $"K={taps[k]} test MSE per frequency (numpy vs ours)");
            NumericAssert.Within(reference.Filters[k].Train_mse, ours[k].TrainMsePerFrequency!, tolerance, $"K={taps[k]} train MSE per frequency (numpy vs ours)");
            NumericAssert.Within(reference.Filters[k].Test_mse.Average(), ours[k].Mse, tolerance, $"K={taps[k]} test MSE (numpy vs ours)");
        }
        // Where X has full rank the filter itself is unique: the taps agree too.
        if (noise != NoiseMode.PerSeries)
        {
            var filters = CausalLinearFilter.Fit(trainGrid.Mixture, trainGrid.Targets, 40);
            for (int i = 0; i < filters.Length; i++)
                NumericAssert.Within(reference.Filters[2].Weights[i], filters[i].Taps, Tolerance.Normwise(1e-6, reference.Filters[2].Weights[i]), $"K=40 taps of frequency {i}");
        }
        // On additive noise S carries the clock and averaging 40 samples filters the noise: memory is worth something on test.
        // (On the other models a filter fitted on 400 samples overfits, so no such claim is made for them.)
        if (noise == NoiseMode.Additive) Assert.True(ours[2].Mse < ours[0].Mse, $"K=40 test MSE {ours[2].Mse} is not below K=1's {ours[0].Mse}");
    }

    [Fact]
    public void A_target_that_is_a_filter_of_S_is_recovered_exactly_by_enough_taps_and_not_by_fewer()
    {
        var rng = new NumpyRandom(7);
        var s = new double[300];
        for (int t = 0; t < s.Length; t++) s[t] = rng.Uniform(-1, 1);
        var y = new double[s.Length];
        for (int t = 0; t < s.Length; t++) y[t] = 0.5 * s[t] - 0.25 * (t >= 2 ? s[t - 2] : 0);
        var three = CausalLinearFilter.Fit(s, [y], 3)[0];
        NumericAssert.Within([0.5, 0.0, -0.25], three.Taps, Tolerance.Relative(1e-9, floor: 0.5), "the taps of 0.5·S[n] − 0.25·S[n−2]");
        var two = CausalLinearFilter.Fit(s, [y], 2)[0].Predict(s);
        Assert.True(two.Zip(y).Average(p => (p.First - p.Second) * (p.First - p.Second)) > 1e-3, "two taps cannot reach S[n−2]");
        NumericAssert.Within(y, three.Predict(s), Tolerance.Relative(1e-9, floor: 1), "predictions of the exact filter");
    }

    private static double Mse(double[] predicted, double[] y) => predicted.Zip(y).Average(p => (p.First - p.Second) * (p.First - p.Second));

    [Fact]
    public void On_train_one_tap_is_never_worse_than_zero_and_more_taps_are_never_worse()
    {
        var series = Gen.Int[8, 80].SelectMany(n => Gen.Select(Gen.Double[-2, 2].Array[n], Gen.Double[-2, 2].Array[n], Gen.Int[1, n / 2]));
        series.Sample((s, y, k) =>
        {
            double zero = y.Average(v => v * v);
            // Slack of the 1e-10 relative ridge (and rounding): far below any real difference between fits.
            double slack = 1e-8 * Math.Max(zero, 1e-300);
            double one = Mse(CausalLinearFilter.Fit(s, [y], 1)[0].Predict(s), y);
            Assert.True(one <= zero + slack, $"K=1 train MSE {one} above predict-zero {zero}");
            double fewer = Mse(CausalLinearFilter.Fit(s, [y], k)[0].Predict(s), y);
            double more = Mse(CausalLinearFilter.Fit(s, [y], Math.Min(2 * k, s.Length))[0].Predict(s), y);
            Assert.True(more <= fewer + slack, $"{Math.Min(2 * k, s.Length)} taps: train MSE {more} above {k} taps' {fewer}");
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void The_bound_is_in_DataBounds_and_the_validation_rows_and_is_NaN_with_a_note_when_the_series_is_shorter_than_the_filter()
    {
        var spec = SignalSpec.Default with { Duration = 0.2, Noise = NoiseMode.Additive }; // 200 samples: K = 300 and 1000 cannot be fitted
        var (train, test) = (FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks),
            FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks));
        var bounds = DataBounds.Measure(train, test);
        Assert.Equal([1, 10, 100, 300, 1000], bounds.LinearFilters.Select(f => f.Taps));
        Assert.True(bounds.LinearFilter(100)!.Mse < bounds.LinearFilter(1)!.Mse);
        Assert.True(bounds.LinearFilter(100)!.TrainMse <= bounds.LinearFilter(10)!.TrainMse);
        Assert.True(double.IsNaN(bounds.LinearFilter(300)!.Mse));
        Assert.Null(bounds.LinearFilter(2));

        var report = ValidationReport.Compute(train, test);
        var row = Assert.Single(report.Rows, r => r.Metric == "MSE: causal linear filter K=300" && r.Dataset == "test" && r.FrequencyHz is null);
        Assert.True(double.IsNaN(row.Value));
        Assert.Contains("not enough rows (200 < 300)", row.Note);
        var k10 = Assert.Single(report.Rows, r => r.Metric == "MSE: causal linear filter K=10" && r.Dataset == "test" && r.FrequencyHz is null);
        Assert.Equal(bounds.LinearFilter(10)!.Mse, k10.Value);
        Assert.Contains("causal linear filter K=10", report.ToJson());
    }
}
