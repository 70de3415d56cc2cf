using FrequencyLab.IO;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using System.Text.Json;
using FrequencyLab.Cli.Options;
using FrequencyLab.Findings;
using FrequencyLab.Prediction;
using FrequencyLab.Training;
using Spectre.Console;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab predict FILE --target 0.01 [--horizon 100] [--metric train|test] [--json]</c>: the
/// <see cref="ConvergencePredictor"/>'s forecast for a learning curve read from a history.json (written by <c>train</c>)
/// or a CSV <c>epoch,value</c> (any curve: the report's own numbers, another framework's log).
/// </summary>
internal sealed class PredictVerb : IVerb
{
    private readonly Argument<string> _file = new("FILE") { Description = "history.json written by `freqlab train`, or a CSV with the header epoch,value." };
    private readonly Option<double> _target = new Option<double>("--target") { Required = true, HelpName = "VALUE", Description = "The value the curve should get to or below, e.g. 0.01." }.Positive();
    private readonly Option<int> _horizon = new Option<int>("--horizon") { DefaultValueFactory = _ => 100, HelpName = "EPOCHS", Description = $"Last epoch of the forecast (default 100, at most {PredictionLimits.MaxEpoch:N0})." }.AtLeast(1);
    private readonly Option<string> _metric = new Option<string>("--metric") { DefaultValueFactory = _ => "train", Description = "For a history.json: the epoch-mean train loss (default) or the frozen test MSE." }.OneOf(["train", "test"]);
    private readonly Option<double> _level = new("--level") { DefaultValueFactory = _ => 0.9, HelpName = "P", Description = "Coverage of the band and intervals (default 0.9)." };
    private readonly Option<int> _replicates = new Option<int>("--replicates") { DefaultValueFactory = _ => 200, HelpName = "N", Description = $"Bootstrap replicates (default 200, 20 to {PredictionLimits.MaxReplicates:N0})." }.AtLeast(20);
    private readonly Option<int> _seed = new("--seed") { DefaultValueFactory = _ => 0, HelpName = "SEED", Description = "Bootstrap seed: the same seed gives the same forecast." };
    private readonly Option<string> _calibration = new("--calibration") { HelpName = "PATH", Description = "Calibrate the band on your own runs (a folder: every history.json below it, backtested; takes about a second per curve) or read a saved calibration (a .json file). Default: the calibration shipped with freqlab." };
    private readonly Option<string> _saveCalibration = new("--save-calibration") { HelpName = "FILE", Description = "Also write the calibration used to FILE (JSON), e.g. one made from --calibration DIR." };
    private readonly Option<bool> _json = SharedOptions.Json("Print the forecast as JSON instead of tables.");

    public Command Build()
    {
        var command = new Command("predict",
            "Extrapolate a learning curve with an ensemble of curve families (held-out weights, residual bootstrap): "
            + "prediction band, P(target reached by the horizon), the epoch it is reached, the asymptote.");
        command.Arguments.Add(_file);
        foreach (var option in new Option[] { _target, _horizon, _metric, _level, _replicates, _seed, _calibration, _saveCalibration, _json }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            // Only what was typed: an option's default is not in the parse result here.
            // A token that does not parse is already a parse error of its own; the range checks skip it.
            static T? Given<T>(CommandResult r, Option<T> o) where T : struct
            {
                if (r.GetResult(o) is not { Implicit: false, Tokens.Count: > 0 } given) return null;
                try { return given.GetValueOrDefault<T>(); }
                catch (InvalidOperationException) { return null; }
            }
            if (Given(result, _horizon) is int h && h > PredictionLimits.MaxEpoch) result.AddError($"--horizon {h} is beyond {PredictionLimits.MaxEpoch:N0} epochs");
            if (Given(result, _level) is double l && !(l > 0 && l < 1)) result.AddError($"--level must be between 0 and 1, not {l}");
            if (Given(result, _replicates) is int n && n > PredictionLimits.MaxReplicates) result.AddError($"--replicates {n} is more than {PredictionLimits.MaxReplicates:N0}");
        });
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var monitor = parse.GetValue(_metric) == "test" ? MonitorMetric.TestMse : MonitorMetric.TrainLoss;
        string path = parse.GetValue(_file)!;
        var curve = LearningCurve.Read(path, monitor);
        try { curve.Validate(); }
        catch (CurveInputException e) { throw new DataFileException(path, e.Problem); }
        var options = new PredictionOptions(parse.GetValue(_target), parse.GetValue(_horizon), parse.GetValue(_level),
            parse.GetValue(_replicates), parse.GetValue(_seed)).Validate();
        var calibration = Calibration(parse.GetValue(_calibration), options);
        if (parse.GetValue(_saveCalibration) is { } save) calibration.Save(save);
        var prediction = new ConvergencePredictor().Predict(curve, options);
        var band = calibration.Apply(prediction);
        if (parse.GetValue(_json)) output.WriteLine(ToJson(prediction, band));
        else WriteTables(output, prediction, band);
        return CliRunner.Ok;
    }

    /// <summary>The shipped calibration, a saved one (a file), or a new one from the runs below a folder (at the
    /// prediction's level, replicates and seed) together with the synthetic library.</summary>
    private static ForecastCalibration Calibration(string? path, PredictionOptions options)
    {
        if (path is null) return ForecastCalibration.Embedded();
        if (!Directory.Exists(path)) return ForecastCalibration.Load(path);
        var curves = CurveLibrary.FromRuns(path);
        if (curves.Count == 0) throw new DataFileException(path, "no history.json below it with at least 6 epochs of finite, positive losses: nothing to calibrate on");
        var calibrator = new ForecastCalibrator { Level = options.Level, Replicates = options.Replicates, Seed = options.Seed };
        return calibrator.Calibrate([.. curves, .. CurveLibrary.Synthetic(ForecastCalibrator.SyntheticPerShape)], PrintableText.Whole(Path.GetFullPath(path)));
    }

    /// <summary>The documented JSON shape; null where a quantity does not exist (not reached, unbounded).</summary>
    internal static string ToJson(ConvergencePrediction p, CalibratedBand band)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("target", p.Options.Target);
            w.WriteNumber("horizon", p.Options.Horizon);
            WriteInterval(w, "reach", p.Reach);
            Number(w, "probabilityByHorizon", p.ProbabilityByHorizon);
            WriteInterval(w, "asymptote", p.Asymptote);
            w.WriteStartArray("models");
            foreach (var m in p.Models)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("weight", m.Weight);
                w.WriteStartObject("parameters");
                foreach (var (name, value) in m.Parameters) Number(w, name, value);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("band");
            foreach (var point in band.Points)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", point.Epoch);
                Number(w, "median", point.Median);
                Number(w, "lower", point.Lower);
                Number(w, "upper", point.Upper);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteCalibration(w, band);
            var summary = p.Summary;
            w.WriteString("summary", $"{summary.VerdictText}: {summary.Question} {summary.Explanation}");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCalibration(Utf8JsonWriter w, CalibratedBand band)
    {
        var c = band.Calibration;
        w.WriteStartObject("calibration");
        w.WriteString("status", band.Status.ToString());
        w.WriteString("message", band.Message);
        w.WriteString("source", PrintableText.Whole(c.Source));
        w.WriteNumber("level", c.Level);
        w.WriteNumber("curves", c.Curves.Count);
        w.WriteNumber("realCurves", c.RealCurves);
        w.WriteNumber("groups", c.Groups);
        w.WriteNumber("heldOutEpochs", c.HeldOutEpochs);
        Number(w, "rawCoverage", c.RawCoverage);
        Number(w, "calibratedCoverage", c.CalibratedCoverage);
        w.WriteStartArray("horizons");
        foreach (var h in c.Horizons)
        {
            w.WriteStartObject();
            w.WriteNumber("from", h.From);
            Number(w, "to", h.To);
            Number(w, "scale", h.Scale);
            w.WriteNumber("heldOutEpochs", h.HeldOutEpochs);
            Number(w, "rawCoverage", h.RawCoverage);
            Number(w, "calibratedCoverage", h.CalibratedCoverage);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("reach");
        w.WriteNumber("backtests", c.Reach.Backtests);
        Number(w, "brier", c.Reach.Brier);
        Number(w, "baseRateBrier", c.Reach.BaseRateBrier);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter w, string name, QuantileInterval interval)
    {
        w.WriteStartObject(name);
        Number(w, "median", interval.Median);
        Number(w, "lower", interval.Lower);
        Number(w, "upper", interval.Upper);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteTables(TextWriter output, ConvergencePrediction p, CalibratedBand calibrated)
    {
        var console = VerbConsole.Plain(output, minWidth: 160);
        static string F(double? v) => v is double d ? FrequencyLab.Findings.Number.Format(d) : "—";
        console.WriteLine($"curve: {PrintableText.Whole(p.Curve.Name)}, {p.Curve.Count} points (epochs {F(p.Curve.Epochs.FirstOrDefault())}–{F(p.Curve.LastEpoch)}), last value {F(p.Curve.Values.LastOrDefault())}; trend {p.Trend}; status {p.Status}");

        var models = new Table { Title = new TableTitle("ensemble (weights from the held-out last points)"), Border = TableBorder.Rounded };
        foreach (var c in new[] { "family", "formula", "weight", "held-out RMS ln error", "asymptote", "parameters" }) models.AddColumn(c);
        foreach (var m in p.Models.OrderByDescending(m => m.Weight))
            models.AddRow(new Text(m.Name), new Text(m.Formula), new Text(F(m.Weight)), new Text(F(m.HoldoutRmse)), new Text(F(m.Asymptote)),
                new Text(m.Note ?? string.Join(", ", m.Parameters.Select(kv => $"{kv.Key} = {F(kv.Value)}"))));
        console.WriteLine();
        console.Write(models);

        if (p.Band.Count > 0)
        {
            // The raw bootstrap band is shown for what it is; only the calibrated columns are a measured promise (empty, with the
            // reason below, where no honest band exists).
            var band = new Table { Title = new TableTitle($"prediction band ({F(100 * p.Options.Level)} %): raw bootstrap, and calibrated per horizon"), Border = TableBorder.Rounded };
            foreach (var c in new[] { "epoch", "observed", "median", "raw lower", "raw upper", "calibrated lower", "calibrated upper" }) band.AddColumn(new TableColumn(c).RightAligned());
            // About ten rows whatever the band's length (it runs to the last observed epoch when that is past the horizon).
            int step = Math.Max(1, p.BandEnd / 10);
            var observedAt = new Dictionary<double, int>();
            for (int i = 0; i < p.Curve.Count; i++) observedAt[p.Curve.Epochs[i]] = i;
            var epochs = Enumerable.Range(1, p.BandEnd).Where(e => e == 1 || e % step == 0 || e == (int)p.Curve.LastEpoch || e == p.Options.Horizon).Distinct();
            foreach (int e in epochs)
            {
                var point = p.Band[e - 1];
                int index = observedAt.GetValueOrDefault(e, -1);
                var cal = calibrated.At(e);
                band.AddRow(F(e), index >= 0 ? F(p.Curve.Values[index]) : "", F(point.Median), F(point.Lower), F(point.Upper), F(cal?.Lower), F(cal?.Upper));
            }
            console.WriteLine();
            console.Write(band);
        }
        console.WriteLine();
        console.WriteLine(PrintableText.Whole($"band: {calibrated.Status} — {calibrated.Message}"));
        var k = calibrated.Calibration;
        console.WriteLine(PrintableText.Whole($"held-out coverage of the {F(100 * k.Level)} % band by epochs ahead (raw → calibrated): "
            + string.Join("; ", k.Horizons.Select(h => $"{h.Range.Label}: {F(h.RawCoverage)} → {F(h.CalibratedCoverage)}"))
            + $"; Brier score of P(reached) on {k.Reach.Backtests} backtests {F(k.Reach.Brier)} (base rate {F(k.Reach.BaseRateBrier)})"));
        console.WriteLine($"P(reached {F(p.Options.Target)} by epoch {p.Options.Horizon}) = {F(p.ProbabilityByHorizon)}");
        console.WriteLine(p.Reach.Median is null
            ? $"reach epoch: not reached within the horizon ({p.Options.Horizon}) in the median path"
            : $"reach epoch: {F(p.Reach.Median)} [{F(p.Reach.Lower)}, {(p.Reach.Upper is null ? "not within the horizon" : F(p.Reach.Upper))}]");
        console.WriteLine($"asymptote: {F(p.Asymptote.Median)} [{F(p.Asymptote.Lower)}, {(p.Asymptote.Upper is null ? "∞" : F(p.Asymptote.Upper))}]");
        var summary = p.Summary;
        console.WriteLine(PrintableText.Whole($"verdict: {summary.VerdictText.ToUpperInvariant()} — {summary.Question} {summary.Explanation}"));
    }
}
