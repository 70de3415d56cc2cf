using System.Globalization;
using CsCheck;
using FrequencyLab.Prediction;
using FrequencyLab.Tests.Diagnostics;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Prediction;

/// <summary>
/// What a prediction may cost is bounded by <see cref="PredictionLimits"/>, whatever the file says: a far epoch, many
/// points or many replicates are refused with one line before any work, and a long curve is fitted on a bounded sample.
/// Asserted by counts and limits, not by timers.
/// </summary>
public class PredictionLimitsTests
{
    private static string Csv(TempDir dir, IEnumerable<(double Epoch, double Value)> points)
    {
        var path = dir.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["epoch,value", .. points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Epoch:R},{p.Value:R}"))]);
        return path;
    }

    private static double Loss(double t) => 0.05 + 0.5 * Math.Pow(t, -0.6) * (1 + 0.03 * Math.Sin(3.1 * t));

    [Theory]
    [InlineData("10000000")]
    [InlineData("2147483647")]
    [InlineData("1e15")]
    [InlineData("100001")]
    public void The_issues_four_line_file_is_refused_in_one_line(string lastEpoch)
    {
        using var dir = new TempDir();
        var path = dir.File("c.csv");
        File.WriteAllText(path, $"epoch,value\n1,0.3\n2,0.25\n3,0.2\n{lastEpoch},0.1\n");
        var r = Freqlab.Run("predict", path, "--target", "0.01");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.Contains("is beyond 100,000, the last epoch a curve may have", line);
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void The_last_allowed_epoch_is_predicted_with_a_band_to_it()
    {
        var curve = new LearningCurve("far", [1, 2, 3, 4, 5, 6, PredictionLimits.MaxEpoch], [0.3, 0.25, 0.22, 0.2, 0.19, 0.18, 0.1]);
        var p = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Replicates: 20));
        Assert.Equal(PredictionLimits.MaxEpoch, p.BandEnd);
        Assert.All(p.Paths, path => Assert.Equal(PredictionLimits.MaxEpoch, path.Length));
        Assert.True(p.Paths.Count * (long)p.BandEnd <= PredictionLimits.MaxPathValues);
    }

    [Fact]
    public void Replicates_times_band_beyond_the_budget_is_refused_before_any_work()
    {
        var curve = new LearningCurve("far", [1, 2, 3, PredictionLimits.MaxEpoch], [0.3, 0.25, 0.2, 0.1]);
        int replicates = (int)(PredictionLimits.MaxPathValues / PredictionLimits.MaxEpoch) + 1;
        var e = Assert.Throws<InvalidSpecException>(() => new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Replicates: replicates)));
        Assert.Contains("simulated values", e.Message);
        Assert.Throws<InvalidSpecException>(() => new PredictionOptions(0.01, Replicates: PredictionLimits.MaxReplicates + 1).Validate());
        Assert.Throws<InvalidSpecException>(() => new PredictionOptions(0.01, Horizon: PredictionLimits.MaxEpoch + 1).Validate());
    }

    [Fact]
    public void More_points_than_the_limit_are_refused_and_the_limit_itself_is_read()
    {
        var atLimit = new LearningCurve("n", [.. Enumerable.Range(1, PredictionLimits.MaxPoints).Select(e => (double)e)],
            [.. Enumerable.Range(1, PredictionLimits.MaxPoints).Select(e => Loss(e))]);
        Assert.Same(atLimit, atLimit.Validate());
        var over = new LearningCurve("n", [.. atLimit.Epochs, PredictionLimits.MaxPoints + 1], [.. atLimit.Values, 0.05]);
        var e = Assert.Throws<CurveInputException>(() => over.Validate());
        Assert.Contains("5,001 points, more than the 5,000", e.Message);

        using var dir = new TempDir();
        var r = Freqlab.Run("predict", Csv(dir, over.Epochs.Zip(over.Values)), "--target", "0.01");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("more than the 5,000 a curve may have", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_before_it_is_read()
    {
        using var dir = new TempDir();
        var path = dir.File("huge.csv");
        using (var f = File.Create(path)) f.SetLength(PredictionLimits.MaxFileBytes + 1); // sparse: no 64 MB written
        var r = Freqlab.Run("predict", path, "--target", "0.01");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("a learning curve's file may have", Assert.Single(r.ErrorLines));
        var d = Freqlab.Run("diagnose", path);
        Assert.Equal(1, d.ExitCode);
        Assert.Contains("a learning curve's file may have", Assert.Single(d.ErrorLines));
    }

    [Fact]
    public void Thin_keeps_first_and_last_and_at_most_the_limit()
    {
        Gen.Int[2, 50].Select(Gen.Int[1, 400]).Sample((points, n) =>
        {
            var curve = new LearningCurve("c", [.. Enumerable.Range(1, n).Select(e => e * 1.5)], [.. Enumerable.Range(1, n).Select(e => Loss(e))]);
            var thin = ConvergencePredictor.Thin(curve, points);
            if (n <= points) { Assert.Same(curve, thin); return; }
            Assert.Equal(points, thin.Count);
            Assert.Equal(curve.Epochs[0], thin.Epochs[0]);
            Assert.Equal(curve.Epochs[^1], thin.Epochs[^1]);
            for (int i = 1; i < thin.Count; i++) Assert.True(thin.Epochs[i] > thin.Epochs[i - 1]);
            for (int i = 0; i < thin.Count; i++) Assert.Equal(Loss(thin.Epochs[i] / 1.5), thin.Values[i]); // points, not averages
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    /// <summary>Evaluates pow3 and records every epoch a fit evaluates it at (the bootstrap's band is at whole epochs).</summary>
    private sealed class CountingPow3 : CurveFamily
    {
        private readonly Pow3Curve _inner = new();
        public HashSet<double> FitEpochs { get; } = [];
        public override string Name => _inner.Name;
        public override string Formula => _inner.Formula;
        public override IReadOnlyList<string> ParameterNames => _inner.ParameterNames;
        public override double Evaluate(ReadOnlySpan<double> p, double t)
        {
            if (t != Math.Floor(t)) FitEpochs.Add(t);
            return _inner.Evaluate(p, t);
        }
        public override (double[] Lower, double[] Upper) Bounds(CurveScale scale) => _inner.Bounds(scale);
        public override IEnumerable<double[]> InitialGuesses(CurveScale scale) => _inner.InitialGuesses(scale);
    }

    [Fact]
    public void A_long_curve_is_fitted_on_at_most_MaxFitPoints_of_its_points()
    {
        int n = 3 * PredictionLimits.MaxFitPoints;
        var epochs = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray(); // half epochs: a fit's evaluations, not the band's
        var curve = new LearningCurve("long", epochs, [.. epochs.Select(Loss)]);
        var family = new CountingPow3();
        var p = new ConvergencePredictor { Families = [family] }.Predict(curve, new PredictionOptions(0.01, Replicates: 20));
        Assert.Equal(PredictionStatus.Predicted, p.Status);
        Assert.Equal(PredictionLimits.MaxFitPoints, family.FitEpochs.Count(e => epochs.Contains(e)));
        Assert.Same(curve, p.Curve);
    }

    [Fact]
    public void TrendOf_is_kendalls_tau_over_all_pairs()
    {
        // The O(n log n) count against the definition, with many ties (values from a small set).
        Gen.Int[0, 6].Array[0, 60].Sample(levels =>
        {
            var values = levels.Select(l => 0.1 + l).ToArray();
            var curve = LearningCurve.FromValues("c", values);
            int s = 0;
            for (int i = 0; i < values.Length; i++)
                for (int j = i + 1; j < values.Length; j++) s += Math.Sign(values[j] - values[i]);
            int pairs = values.Length * (values.Length - 1) / 2;
            double tau = pairs == 0 ? 0 : s / (double)pairs;
            var expected = pairs == 0 ? CurveTrend.NoClearTrend : tau >= 0.5 ? CurveTrend.Rising : tau <= -0.5 ? CurveTrend.Decreasing : CurveTrend.NoClearTrend;
            Assert.Equal(expected, ConvergencePredictor.TrendOf(curve));
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }

    [Theory]
    // A history.json with an impossible curve is refused by the one strict history reader (HistoryJson), before either
    // verb looks at the curve: both verbs give the same line, naming the file and the JSON path of the problem.
    [InlineData("negative", "$.epochs[1].trainLoss")]
    [InlineData("duplicate", "$.epochs[1].epoch")]
    [InlineData("decreasing", "$.epochs[1].epoch")]
    [InlineData("gap", "$.epochs[2].epoch")]
    [InlineData("negativeTest", "$.epochs[0].frozenTest.mse")]
    public void Diagnose_refuses_what_predict_refuses(string kind, string expected)
    {
        var history = DiagnosticsFixtures.History([0.5, 0.4, 0.3]);
        var epochs = history.Epochs.ToList();
        switch (kind)
        {
            case "negative": epochs[1] = epochs[1] with { TrainLoss = -0.2 }; break;
            case "duplicate": epochs[1] = epochs[1] with { Epoch = 1 }; break;
            case "decreasing": epochs[1] = epochs[1] with { Epoch = 3 }; epochs[2] = epochs[2] with { Epoch = 2 }; break;
            case "gap": epochs[2] = epochs[2] with { Epoch = 4 }; break;
            case "negativeTest": epochs[0] = epochs[0] with { FrozenTest = epochs[0].FrozenTest with { Mse = -1 } }; break;
        }
        using var dir = new TempDir();
        var path = dir.File("history.json");
        HistoryJson.Write(path, history with { Epochs = epochs });
        var d = Freqlab.Run("diagnose", path);
        Assert.Equal(1, d.ExitCode);
        var line = Assert.Single(d.ErrorLines);
        Assert.Contains(expected, line);
        Assert.Contains("history.json", line);
        Assert.Equal("", d.StdOut);
        var metric = kind == "negativeTest" ? "test" : "train";
        var p = Freqlab.Run("predict", path, "--target", "0.01", "--metric", metric);
        Assert.Equal(1, p.ExitCode);
        Assert.Equal(line, Assert.Single(p.ErrorLines));
    }
}
