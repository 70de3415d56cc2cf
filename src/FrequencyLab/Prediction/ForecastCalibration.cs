using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;

namespace FrequencyLab.Prediction;

/// <summary>
/// A split-conformal calibration of <see cref="ConvergencePredictor"/>'s band, per range of epochs ahead, made by
/// <see cref="ForecastCalibrator"/> from backtests on a library of curves and stored as JSON (versioned,
/// <see cref="SchemaVersion"/>) together with those curves and the coverage it reached on held-out real curves. The default
/// one (<see cref="Embedded"/>, <c>data/forecast-calibration.json</c>) ships with the library.
/// </summary>
/// <param name="SchemaVersion">Format of the file (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Kind">Always <see cref="KindName"/>, so that a foreign JSON file is not mistaken for one.</param>
/// <param name="Source">Where the curves came from (a folder of runs, "synthetic").</param>
/// <param name="Method">The method in one sentence.</param>
/// <param name="Level">Nominal coverage of the band it calibrates (0.9).</param>
/// <param name="Replicates">Bootstrap replicates of the backtests.</param>
/// <param name="Seed">Bootstrap seed of the backtests.</param>
/// <param name="Cuts">Points each curve was cut after.</param>
/// <param name="MinimumPoints">The smallest cut: a curve with fewer points has no calibrated band.</param>
/// <param name="MaxAhead">The furthest epoch ahead any backtest scored: the band stops there.</param>
/// <param name="MaxHoldoutError">The largest ensemble held-out error (<see cref="HoldoutError"/>) of any backtest: a curve
/// extrapolated worse than that is unlike any the calibration saw.</param>
/// <param name="RealCurves">Curves of real runs in <paramref name="Curves"/>.</param>
/// <param name="Groups">Groups of real curves (the units held out).</param>
/// <param name="Folds">Folds of groups: each is scored with the factors fitted on the others.</param>
/// <param name="HeldOutEpochs">Held-out epochs of real curves scored (all ranges).</param>
/// <param name="Refused">Backtests of real curves that got no band (unlike any curve of the other folds).</param>
/// <param name="RawCoverage">Coverage of the raw band over all held-out epochs of real curves.</param>
/// <param name="CalibratedCoverage">Coverage of the calibrated band over the same.</param>
/// <param name="Horizons">Per range of epochs ahead: factor and coverage.</param>
/// <param name="Reach">Brier score of P(target reached) on the same backtests.</param>
/// <param name="Curves">The curves, real and synthetic.</param>
public sealed record ForecastCalibration(
    int SchemaVersion, string Kind, string Source, string Method, double Level, int Replicates, int Seed,
    IReadOnlyList<int> Cuts, int MinimumPoints, int MaxAhead, double MaxHoldoutError,
    int RealCurves, int Groups, int Folds, int HeldOutEpochs, int Refused, double? RawCoverage, double? CalibratedCoverage,
    IReadOnlyList<HorizonCalibration> Horizons, ReachCalibration Reach, IReadOnlyList<CalibrationCurve> Curves)
{
    public const int CurrentSchemaVersion = 1;
    public const string KindName = "frequencylab-forecast-calibration";
    private const string ResourceName = "FrequencyLab.forecast-calibration.json";
    private const string What = "forecast calibration";

    /// <summary>camelCase, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static JsonSerializerOptions ReadOptions { get; } = JsonFile.Strict(JsonOptions);

    /// <summary>The calibration shipped with this build (<c>data/forecast-calibration.json</c>).</summary>
    public static ForecastCalibration Embedded()
    {
        using var stream = typeof(ForecastCalibration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new FrequencyLabException($"the embedded {What} {ResourceName} is missing from this build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), "embedded forecast-calibration.json");
    }

    /// <summary>Reads a calibration file strictly (<see cref="JsonFile"/>) and checks it: anything else is one
    /// <see cref="DataFileException"/> line.</summary>
    public static ForecastCalibration Load(string path) => Parse(JsonFile.ReadBytes(path, What), path);

    /// <summary><see cref="Load"/> on bytes in memory; <paramref name="source"/> names them in errors.</summary>
    public static ForecastCalibration Parse(byte[] utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return JsonFile.Parse<ForecastCalibration>(utf8, source, What, ReadOptions).Checked(source);
    }

    /// <summary>Writes the calibration atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>The ensemble's held-out error of a prediction: the weighted RMS ln error with which its families, fitted
    /// without the curve's last points, predicted them (NaN without a fitted ensemble).</summary>
    public static double HoldoutError(ConvergencePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.Status != PredictionStatus.Predicted) return double.NaN;
        double sum = 0, weight = 0;
        foreach (var m in prediction.Models.Where(m => m.Weight > 0 && double.IsFinite(m.HoldoutRmse)))
        {
            sum += m.Weight * m.HoldoutRmse;
            weight += m.Weight;
        }
        return weight > 0 ? sum / weight : double.NaN;
    }

    /// <summary>The factor for <paramref name="ahead"/> epochs ahead, or null where the calibration has none.</summary>
    public double? ScaleAt(int ahead)
    {
        if (ahead < 1 || ahead > MaxAhead) return null;
        foreach (var h in Horizons) if (h.Range.Contains(ahead)) return h.Scale;
        return null;
    }

    /// <summary>
    /// The calibrated band of <paramref name="prediction"/> from the epoch after its last observed one to its horizon:
    /// at e epochs ahead, median·(bound/median)^λ(e) for each bound of the raw band. No band (and the reason) when the
    /// curve is shorter than every cut, extrapolated worse than any curve the calibration saw, predicted at another level,
    /// or not extrapolated at all; the band stops where the calibration has no measured factor.
    /// </summary>
    public CalibratedBand Apply(ConvergencePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        string level = Findings.Number.Format(100 * Level);
        CalibratedBand None(BandStatus status, string why) => new(status, why, [], this);
        if (prediction.Status != PredictionStatus.Predicted || prediction.Band.Count == 0)
            return None(BandStatus.NoPrediction, $"no band: the predictor drew none ({prediction.Status})");
        if (prediction.Options.Level != Level)
            return None(BandStatus.OtherLevel, $"no calibrated band: the calibration is for a {level} % band, not {Findings.Number.Format(100 * prediction.Options.Level)} % (recalibrate at this level with --calibration DIR)");
        if (prediction.Curve.Count < MinimumPoints)
            return None(BandStatus.TooFewPoints, $"no calibrated band: {prediction.Curve.Count} points, fewer than the {MinimumPoints} every backtest of the calibration was fitted on");
        double error = HoldoutError(prediction);
        if (!(error <= MaxHoldoutError))
            return None(BandStatus.UnlikeAnySeen, $"no calibrated band: the ensemble missed the curve's own last points by {Findings.Number.Format(error)} (RMS ln error), more than on any of the {Curves.Count} calibration curves ({Findings.Number.Format(MaxHoldoutError)})");
        int last = (int)Math.Ceiling(prediction.Curve.LastEpoch);
        var points = new List<PredictedPoint>();
        for (int e = last + 1; e <= prediction.Options.Horizon && e <= prediction.BandEnd; e++)
        {
            if (ScaleAt(e - last) is not double scale) break;
            var raw = prediction.Band[e - 1];
            points.Add(new PredictedPoint(e, raw.Median, raw.Median * Math.Pow(raw.Lower / raw.Median, scale), raw.Median * Math.Pow(raw.Upper / raw.Median, scale)));
        }
        string source = $"calibrated on {RealCurves} real curves ({Groups} groups) and {Curves.Count - RealCurves} synthetic ones; held-out coverage of its {level} % band {Findings.Number.Format(CalibratedCoverage ?? double.NaN)}";
        int wanted = Math.Min(prediction.Options.Horizon, prediction.BandEnd) - last;
        string message = wanted <= 0 ? $"{source}; nothing to forecast before the horizon"
            : points.Count < wanted ? $"{source}; the band stops at epoch {last + points.Count}: no backtest measured a forecast further than {points.Count} epochs ahead"
            : source;
        return new CalibratedBand(BandStatus.Calibrated, message, points, this);
    }

    // Meaning, after the strict reader checked the shape: a file that parses but could not be a calibration is refused.
    private ForecastCalibration Checked(string source)
    {
        void Require([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool ok, string problem) { if (!ok) throw JsonFile.Invalid(source, What, problem); }
        Require(Source is not null && Method is not null && Cuts is not null && Horizons is not null && Curves is not null, "a field is missing");
        Require(Kind == KindName, $"kind is not \"{KindName}\"");
        Require(SchemaVersion == CurrentSchemaVersion, $"schemaVersion {SchemaVersion} is not {CurrentSchemaVersion}, the one this freqlab reads");
        Require(Level > 0 && Level < 1, "level must be between 0 and 1");
        Require(Replicates >= 20 && Replicates <= PredictionLimits.MaxReplicates, "replicates out of range");
        Require(Cuts.Count > 0 && Cuts.All(c => c >= ConvergencePredictor.MinimumPoints && c <= PredictionLimits.MaxPoints), "cuts must be point counts of at least 3");
        Require(MinimumPoints == Cuts.Min(), "minimumPoints must be the smallest cut");
        Require(MaxAhead >= 1 && MaxAhead <= PredictionLimits.MaxEpoch, "maxAhead out of range");
        Require(double.IsFinite(MaxHoldoutError) && MaxHoldoutError >= 0, "maxHoldoutError must be a finite number ≥ 0");
        Require(RealCurves >= 0 && Groups >= 0 && Folds >= 0 && HeldOutEpochs >= 0 && Refused >= 0, "counts must not be negative");
        Require(Fraction(RawCoverage) && Fraction(CalibratedCoverage), "coverage must be between 0 and 1");
        Require(Horizons.All(h => h is not null) && Curves.All(c => c is not null) && Reach is not null, "a horizon, a curve or reach is null");
        Require(Horizons.Count > 0 && Horizons[0].From == 1 && Horizons[^1].To is null, "horizons must start at 1 epoch ahead and end open");
        for (int i = 0; i < Horizons.Count; i++)
        {
            var h = Horizons[i] ?? throw JsonFile.Invalid(source, What, $"horizon {i} is null");
            Require(i == Horizons.Count - 1 ? h.To is null : h.To >= h.From && Horizons[i + 1].From == h.To + 1, $"horizon {i} does not follow on from the previous one");
            Require(h.Scale is null || (double.IsFinite(h.Scale.Value) && h.Scale > 0 && h.Scale < 1e6), $"horizon {i}: scale must be a positive number");
            Require(h.HeldOutEpochs >= 0 && Fraction(h.RawCoverage) && Fraction(h.CalibratedCoverage), $"horizon {i}: counts and coverage out of range");
            Require(Width(h.RawWidth) && Width(h.CalibratedWidth), $"horizon {i}: a band width is not a ratio ≥ 1");
        }
        Require(Reach is not null && Reach.Backtests >= 0 && Fraction(Reach.BaseRate) && NonNegative(Reach.Brier) && NonNegative(Reach.BaseRateBrier), "reach: counts and scores out of range");
        Require(Curves.Count <= PredictionLimits.MaxCalibrationCurves, $"more than {PredictionLimits.MaxCalibrationCurves:N0} curves");
        Require(RealCurves == Curves.Count(c => c is not null && c.Real), "realCurves does not match the curves");
        for (int i = 0; i < Curves.Count; i++)
        {
            var c = Curves[i] ?? throw JsonFile.Invalid(source, What, $"curve {i} is null");
            Require(c.Name is not null && c.Group is not null && c.Epochs is not null && c.Values is not null, $"curve {i} lacks a field");
            try { c.ToLearningCurve().Validate(); }
            catch (CurveInputException e) { Require(false, $"curve {i}: {e.Message}"); }
        }
        return this;
    }

    private static bool Fraction(double? v) => v is null || (v >= 0 && v <= 1);

    private static bool Width(double? v) => v is null || (double.IsFinite(v.Value) && v >= 1);

    private static bool NonNegative(double? v) => v is null || (double.IsFinite(v.Value) && v >= 0);

    /// <summary>The calibration as a table: per range of epochs ahead, factor and held-out coverage before and after.</summary>
    public Charts.HtmlTable ToTable() => new(
        ["epochs ahead", "scale λ", "held-out epochs", $"raw {Findings.Number.Format(100 * Level)} % band covered", "calibrated band covered", "raw width (upper/lower)", "calibrated width"],
        Horizons.Select(h => (IReadOnlyList<string>)[h.Range.Label, h.Scale is double s ? Findings.Number.Format(s) : "—",
            h.HeldOutEpochs.ToString(CultureInfo.InvariantCulture), F(h.RawCoverage), F(h.CalibratedCoverage), F(h.RawWidth), F(h.CalibratedWidth)]),
        $"Calibration: {RealCurves} real curves in {Groups} groups ({HeldOutEpochs:N0} held-out epochs, {Folds}-fold by group) and {Curves.Count - RealCurves} synthetic");

    private static string F(double? v) => v is double d ? Findings.Number.Format(d) : "—";
}
