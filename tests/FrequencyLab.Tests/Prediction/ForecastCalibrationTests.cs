using FrequencyLab.Prediction;
using FrequencyLab.Tests.Diagnostics;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using Xunit.Abstractions;

namespace FrequencyLab.Tests.Prediction;

/// <summary>
/// The split-conformal calibration of the forecast band (<see cref="ForecastCalibrator"/>, <see cref="ForecastCalibration"/>):
/// its arithmetic, a small calibration made end to end from history.json files, the band it draws or refuses, and the
/// calibration shipped in data/forecast-calibration.json.
/// </summary>
public class ForecastCalibrationTests(ITestOutputHelper output)
{
    // A small calibrator: few replicates and cuts so that a whole calibration takes a few seconds.
    internal static readonly ForecastCalibrator Small = new() { Replicates = 40, Cuts = [5, 10, 20], Folds = 3 };

    [Fact]
    public void Score_is_the_factor_that_takes_the_band_edge_to_the_value()
    {
        Assert.Equal(0, HeldOutPoint.Of(0.5, 0.5, 0.25, 1), 12);
        Assert.Equal(1, HeldOutPoint.Of(1, 0.5, 0.25, 1), 12);             // on the upper edge
        Assert.Equal(1, HeldOutPoint.Of(0.25, 0.5, 0.25, 1), 12);          // on the lower edge
        Assert.Equal(2, HeldOutPoint.Of(2, 0.5, 0.25, 1), 12);             // twice the log half-width above
        Assert.Equal(0.5, HeldOutPoint.Of(Math.Sqrt(0.125), 0.5, 0.25, 1), 12);
        // A band of zero width still gives a finite score (divided by the 0.1 % floor).
        Assert.Equal(Math.Log(1.01) / HeldOutPoint.MinimumLogWidth, HeldOutPoint.Of(1.01, 1, 1, 1), 9);
    }

    [Fact]
    public void Conformal_quantile_is_the_ceiling_rank_and_null_when_beyond_the_scores()
    {
        var scores = Enumerable.Range(1, 19).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(18, ForecastCalibrator.ConformalQuantile(scores, 0.9));      // ⌈20 · 0.9⌉ = 18th smallest
        Assert.Null(ForecastCalibrator.ConformalQuantile(Enumerable.Range(1, 8).Select(i => (double)i).ToList(), 0.9)); // ⌈9 · 0.9⌉ = 9 > 8
        Assert.Null(ForecastCalibrator.ConformalQuantile([], 0.9));
    }

    [Fact]
    public void Horizon_ranges_cover_every_epoch_ahead_once()
    {
        Assert.Equal(["1", "2–5", "6–10", "11–20", "21+"], HorizonRange.Standard.Select(h => h.Label));
        for (int ahead = 1; ahead <= 200; ahead++)
            Assert.Single(HorizonRange.Standard, h => h.Contains(ahead));
        Assert.Equal(-1, HorizonRange.IndexOf(HorizonRange.Standard, 0));
    }

    /// <summary>Writes history.json files of noisy synthetic curves in run folders named like a sweep's (two seeds per configuration).</summary>
    internal static string RunsFolder(TempDir dir, int configurations = 6)
    {
        var curves = CurveLibrary.Synthetic(perShape: (configurations * 2 + 3) / 4, seed: 11);
        for (int i = 0; i < configurations * 2; i++)
        {
            var train = curves[i].Values;
            var test = train.Select(v => v * 1.1).ToArray();
            var folder = dir.File($"runs/cfg{i / 2}/lr=1e-4_seed={i % 2}_reset=per-epoch");
            Directory.CreateDirectory(folder);
            HistoryJson.Write(Path.Combine(folder, "history.json"), DiagnosticsFixtures.History(train, frozenTest: test));
        }
        // A run too short to be cut: left out.
        Directory.CreateDirectory(dir.File("runs/short"));
        HistoryJson.Write(dir.File("runs/short/history.json"), DiagnosticsFixtures.History([0.5, 0.4, 0.3]));
        return dir.File("runs");
    }

    [Fact]
    public void Curves_of_a_runs_folder_are_both_metrics_grouped_without_the_seed()
    {
        using var dir = new TempDir();
        var curves = CurveLibrary.FromRuns(RunsFolder(dir));
        Assert.Equal(24, curves.Count);
        Assert.All(curves, c => Assert.True(c.Real));
        Assert.Equal(6, curves.Select(c => c.Group).Distinct().Count());
        Assert.Contains(curves, c => c.Group == "cfg0/lr=1e-4_seed=*_reset=per-epoch" && c.Name == "cfg0/lr=1e-4_seed=1_reset=per-epoch · frozen test MSE");
        Assert.DoesNotContain(curves, c => c.Name.StartsWith("short", StringComparison.Ordinal));
        var e = Assert.Throws<DataFileException>(() => CurveLibrary.FromRuns(dir.File("nowhere")));
        Assert.Contains("no such folder", e.Message);
    }

    [Fact]
    public void A_small_calibration_widens_the_far_band_round_trips_and_shapes_the_band()
    {
        using var dir = new TempDir();
        var curves = CurveLibrary.FromRuns(RunsFolder(dir)).Concat(CurveLibrary.Synthetic(1, seed: 5)).ToList();
        var calibration = Small.Calibrate(curves, "test runs");
        output.WriteLine(calibration.ToTable().ToString());
        Assert.Equal(24, calibration.RealCurves);
        Assert.Equal(6, calibration.Groups);
        Assert.Equal(3, calibration.Folds);
        Assert.Equal(5, calibration.MinimumPoints);
        Assert.Equal(calibration.Horizons.Sum(h => h.HeldOutEpochs), calibration.HeldOutEpochs);
        Assert.All(calibration.Horizons, h => Assert.True(h.Scale > 0));
        // The deviations of these curves are correlated (AR(1)): the far band must be scaled more than the next epoch's.
        Assert.True(calibration.Horizons[^1].Scale > calibration.Horizons[0].Scale);
        Assert.InRange(calibration.Reach.Brier!.Value, 0, 1);

        var path = dir.File("calibration.json");
        calibration.Save(path);
        var read = ForecastCalibration.Load(path);
        Assert.Equal(calibration.ToJson(), read.ToJson());

        // Applied: the band runs from the epoch after the last observed one, median kept, edges scaled per horizon.
        var curve = curves[0].ToLearningCurve().Take(12);
        var prediction = new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Horizon: 25, Replicates: 40));
        var band = read.Apply(prediction);
        Assert.Equal(BandStatus.Calibrated, band.Status);
        Assert.Equal(13, band.Points[0].Epoch);
        foreach (var p in band.Points)
        {
            var raw = prediction.BandAt((int)p.Epoch)!;
            double scale = read.ScaleAt((int)p.Epoch - 12)!.Value;
            Assert.Equal(raw.Median, p.Median);
            Assert.Equal(Math.Log(raw.Upper / raw.Median) * scale, Math.Log(p.Upper / p.Median), 9);
            Assert.Equal(Math.Log(raw.Median / raw.Lower) * scale, Math.Log(p.Median / p.Lower), 9);
        }
        // The band stops where no backtest measured a forecast (maxAhead epochs ahead).
        var far = read.Apply(new ConvergencePredictor().Predict(curve, new PredictionOptions(0.01, Horizon: 12 + read.MaxAhead + 30, Replicates: 40)));
        Assert.Equal(read.MaxAhead, far.Points.Count);
        Assert.Contains($"no backtest measured a forecast further than {read.MaxAhead} epochs ahead", far.Message);
    }

    [Fact]
    public void No_band_where_none_is_honest()
    {
        var calibration = ForecastCalibration.Embedded();
        var predictor = new ConvergencePredictor();
        var curve = CurveLibrary.Synthetic(1, seed: 3)[0].ToLearningCurve();
        var few = calibration.Apply(predictor.Predict(curve.Take(4), new PredictionOptions(0.01, Replicates: 40)));
        Assert.Equal(BandStatus.TooFewPoints, few.Status);
        Assert.Empty(few.Points);
        Assert.Contains("fewer than the 5", few.Message);
        var level = calibration.Apply(predictor.Predict(curve.Take(10), new PredictionOptions(0.01, Level: 0.8, Replicates: 40)));
        Assert.Equal(BandStatus.OtherLevel, level.Status);
        Assert.Empty(level.Points);
        var two = calibration.Apply(predictor.Predict(curve.Take(2), new PredictionOptions(0.01, Replicates: 40)));
        Assert.Equal(BandStatus.NoPrediction, two.Status);
        // A zig-zag no family extrapolates: its own last points are missed by more than any calibration curve's.
        var zigzag = LearningCurve.FromValues("zigzag", Enumerable.Range(1, 16).Select(e => e % 2 == 0 ? 0.5 * Math.Pow(8, e / 4) : 0.01).ToArray());
        var unlike = calibration.Apply(predictor.Predict(zigzag, new PredictionOptions(0.01, Replicates: 40)));
        Assert.Equal(BandStatus.UnlikeAnySeen, unlike.Status);
        Assert.Empty(unlike.Points);
    }

    [Fact]
    public void The_shipped_calibration_states_its_held_out_coverage_within_the_bars()
    {
        var c = ForecastCalibration.Embedded();
        output.WriteLine(c.ToTable().ToString());
        Assert.Equal(0.9, c.Level);
        Assert.True(c.RealCurves >= 80, $"{c.RealCurves} real curves");
        Assert.InRange(c.CalibratedCoverage!.Value, 0.85, 0.95);
        Assert.All(c.Horizons, h => Assert.True(h.CalibratedCoverage >= 0.8, $"{h.Range.Label} epochs ahead: {h.CalibratedCoverage}"));
        Assert.True(c.RawCoverage < c.CalibratedCoverage);
        Assert.Equal(c.Horizons.Sum(h => h.HeldOutEpochs), c.HeldOutEpochs);
    }
}
