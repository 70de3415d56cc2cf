using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.Data;
using FrequencyLab.Signals;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Validation;

/// <summary>
/// Measurements of a train set (and optionally a test set): structure, amplitude spectra of S(t) and the clean targets,
/// the correlation of S with each target, and baseline MSEs. The tidy <see cref="Rows"/> (also as a
/// <see cref="ToDataFrame()">DataFrame</see> and <see cref="ToJson">JSON</see>) are the product; the typed results are
/// kept for charts. Nothing here judges a value: the report measures, the reader compares.
/// </summary>
public sealed class ValidationReport
{
    public const string Structure = "structure", SpectrumSection = "spectrum", CorrelationSection = "correlation", BaselinesSection = "baselines";
    public const string InSampleLabel = "train (in-sample)";

    /// <summary>The frequencies in Hz, in one-hot order.</summary>
    public IReadOnlyList<double> Frequencies { get; }
    public IReadOnlyList<StructureResult> StructureResults { get; }
    public IReadOnlyList<SpectrumResult> Spectra { get; }
    public IReadOnlyList<CorrelationResult> Correlations { get; }
    public IReadOnlyList<BaselineResult> Baselines { get; }
    /// <summary>"test" when a test set was given; otherwise <see cref="InSampleLabel"/>: baselines fitted and scored on train.</summary>
    public string BaselinesScoredOn { get; }
    /// <summary>The tidy rows: section, metric, dataset, frequency, value, reference, note.</summary>
    public IReadOnlyList<ValidationRow> Rows { get; }

    private ValidationReport(IReadOnlyList<double> frequencies, IReadOnlyList<StructureResult> structure, IReadOnlyList<SpectrumResult> spectra,
        IReadOnlyList<CorrelationResult> correlations, IReadOnlyList<BaselineResult> baselines, string scoredOn, IReadOnlyList<ValidationRow> rows)
    {
        Frequencies = frequencies; StructureResults = structure; Spectra = spectra; Correlations = correlations;
        Baselines = baselines; BaselinesScoredOn = scoredOn; Rows = rows;
    }

    /// <summary>The row-contract problems of every dataset, each prefixed with its dataset's label.</summary>
    public IReadOnlyList<string> Problems => StructureResults.SelectMany(s => s.Problems.Select(p => $"{s.Dataset}: {p}")).ToList();

    /// <summary>
    /// Measures <paramref name="train"/> and, when given, <paramref name="test"/>. Baselines are fitted on train and scored on
    /// test; without a test set they are scored on train itself (labelled <see cref="InSampleLabel"/>). Both datasets need a
    /// <see cref="FrequencyDataset.Spec"/> (fs and the frequencies) with the same frequencies.
    /// </summary>
    public static ValidationReport Compute(FrequencyDataset train, FrequencyDataset? test = null, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        options ??= ValidationOptions.Default;
        var sets = new List<(string Label, FrequencyDataset Data)> { ("train", train) };
        if (test is not null) sets.Add(("test", test));
        foreach (var (label, d) in sets)
        {
            if (d.Spec is null) throw new FrequencyLabException($"{label} dataset has no signal spec: validation needs fs and the frequencies");
            if (d.Spec.FrequencyCount != d.FrequencyCount)
                throw new FrequencyLabException($"{label} dataset has {d.FrequencyCount} one-hot columns but its spec has {d.Spec.FrequencyCount} frequencies");
            // Every measurement below is of at least one row; with none there is nothing to measure (a tiny dataset is
            // measured, and a check that needs more rows says "not enough rows" in its note).
            if (d.RowCount == 0) throw new FrequencyLabException($"{label} dataset has 0 rows: nothing to validate");
        }
        var frequencies = train.Spec!.Frequencies;
        if (test is not null && !test.Spec!.Frequencies.AsSpan().SequenceEqual(frequencies))
            throw new FrequencyLabException("train and test datasets have different frequencies");

        var rows = new List<ValidationRow>();
        var structure = new List<StructureResult>();
        var spectra = new List<SpectrumResult>();
        var correlations = new List<CorrelationResult>();
        foreach (var (label, d) in sets)
        {
            var s = StructureChecks.Measure(d, label);
            structure.Add(s);
            rows.AddRange(StructureRows(s, d));
        }
        var grids = sets.Select(x => SeriesGrid.FromDataset(x.Data)).ToList();
        foreach (var ((label, d), grid) in sets.Zip(grids))
        {
            var (sp, spRows) = SpectrumRows(label, d, grid, options);
            spectra.AddRange(sp);
            rows.AddRange(spRows);
        }
        foreach (var ((label, _), grid) in sets.Zip(grids))
        {
            for (int i = 0; i < grid.FrequencyCount; i++)
            {
                var c = new CorrelationResult(label, frequencies[i], Correlation.Pearson(grid.Mixture, grid.Targets[i]),
                    Correlation.NoiseLevel(grid.SampleCount), grid.SampleCount);
                correlations.Add(c);
                rows.Add(new(CorrelationSection, "Pearson r(S, target)", label, c.FrequencyHz, c.R, c.NoiseLevel,
                    $"over N = {c.SampleCount} time samples; reference = 1/√N"
                    + (c.SampleCount < 2 ? $"; not enough rows ({c.SampleCount} < 2): r needs 2 time samples, so it is NaN" : "")));
            }
        }
        string scoredOn = test is null ? InSampleLabel : "test";
        var baselines = FrequencyLab.Validation.Baselines.Score(train, test ?? train, options);
        rows.AddRange(BaselineRows(baselines, scoredOn, frequencies, test is not null));
        return new ValidationReport(frequencies, structure, spectra, correlations, baselines, scoredOn, rows);
    }

    /// <summary>
    /// <see cref="Compute(FrequencyDataset, FrequencyDataset?, ValidationOptions?)"/> on the rows of generated series, in
    /// <paramref name="order"/> (persistence is reported for both orders whatever this is).
    /// </summary>
    public static ValidationReport Compute(SignalSet train, SignalSet? test, RowOrder order = RowOrder.Blocks, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Compute(FrequencyDataset.FromSignals(train, order), test is null ? null : FrequencyDataset.FromSignals(test, order), options);
    }

    private static IEnumerable<ValidationRow> StructureRows(StructureResult s, FrequencyDataset d)
    {
        ValidationRow Row(string metric, double value, double? reference, string note) => new(Structure, metric, s.Dataset, null, value, reference, note);
        yield return Row("rows", s.RowCount, s.ExpectedRowCount, "reference = K·N from the spec");
        yield return Row("frequencies K", s.FrequencyCount, null, "one-hot columns");
        yield return Row("time samples N", s.TimeSampleCount, d.Spec?.SampleCount, "1 + largest time index; reference = round(duration·fs)");
        yield return Row("invalid one-hot rows", s.InvalidOneHotRows, 0, "selector not exactly 1 at the row's frequency and 0 elsewhere");
        yield return Row("non-finite inputs", s.NonFiniteInputs, 0, "NaN or ±∞ among S, C1..CK");
        yield return Row("non-finite targets", s.NonFiniteTargets, 0, "NaN or ±∞");
        yield return Row("out-of-range index rows", s.OutOfRangeIndexRows, 0, "frequency index outside [0, K) or negative time index");
        yield return Row("missing (f, t) cells", s.MissingCells, 0, "cells of the K × N grid no row fills");
        yield return Row("duplicate (f, t) cells", s.DuplicateCells, 0, "rows repeating a filled cell");
        yield return Row("S spread at one t", s.MixtureSpreadMax, 0, "largest disagreement on S between rows at the same time");
        yield return Row("S min", s.MixtureMin, null, "");
        yield return Row("S max", s.MixtureMax, null, "");
        yield return Row("S mean", s.MixtureMean, null, "");
        yield return Row("S std", s.MixtureStd, null, "population standard deviation over rows");
        yield return Row("target min", s.TargetMin, null, "");
        yield return Row("target max", s.TargetMax, null, "");
        yield return Row("row order matches declared", s.RowOrderMatchesDeclared ? 1 : 0, null, $"1 = yes; declared order: {d.Order.ToString().ToLowerInvariant()}");
        if (s.TimeStep is { } dt) yield return Row("t step (s)", dt, null, "t = n/fs");
        if (s.TimeMax is { } tmax) yield return Row("t max (s)", tmax, null, "(N−1)/fs");
        if (s.ClockMaxError is { } ce) yield return Row("max |target − sin(2πft)|", ce, null, "targets against the clean formula at t = n/fs");
        if (s.RegenerationMaxError is { } re)
            yield return Row("max |value − regenerated|", re, null, $"S and targets against SignalGenerator with the spec and seed {d.Seed}");
    }

    private static (List<SpectrumResult>, List<ValidationRow>) SpectrumRows(string label, FrequencyDataset d, SeriesGrid grid, ValidationOptions options)
    {
        var spec = d.Spec!;
        var results = new List<SpectrumResult>();
        var rows = new List<ValidationRow>();
        var mixture = new SpectrumResult(label, "S", null, Spectrum.SingleSided(grid.Mixture, spec.SampleRate));
        results.Add(mixture);
        var s = mixture.Spectrum;
        double floor = s.Amplitudes.Skip(1).DefaultIfEmpty(double.NaN).Average();
        ValidationRow Row(string metric, double? f, double value, double? reference, string note) => new(SpectrumSection, metric, label, f, value, reference, note);

        rows.Add(Row("resolution (Hz)", null, s.Resolution, null, $"fs/N = {spec.SampleRate}/{s.SampleCount}"));
        foreach (var f in spec.Frequencies)
            rows.Add(Row("amplitude of S at f", f, s.AmplitudeAt(f), floor,
                BinNote(s, f) + "; reference = mean amplitude of S over all non-DC bins"));
        int peak = s.PeakBin();
        rows.Add(Row("peak of S: frequency (Hz)", null, s.Frequencies[peak], null, "largest non-DC bin of S"));
        rows.Add(Row("peak of S: amplitude", null, s.Amplitudes[peak], floor, "reference = mean amplitude of S over all non-DC bins"));
        foreach (var band in options.Bands)
            rows.Add(Row($"band mean amplitude of S, {band.Label}", null, band.MeanAmplitude(s), null, $"{band.BinCount(s)} bins"));

        for (int i = 0; i < grid.FrequencyCount; i++)
        {
            double f = spec.Frequencies[i];
            var target = new SpectrumResult(label, "target", f, Spectrum.SingleSided(grid.Targets[i], spec.SampleRate));
            results.Add(target);
            rows.Add(Row("amplitude of target at f", f, target.Spectrum.AmplitudeAt(f), null, "the clean target sin(2πft) of frequency f; " + BinNote(target.Spectrum, f)));
            foreach (var band in options.Bands)
                rows.Add(Row($"band mean amplitude of target, {band.Label}", f, band.MeanAmplitude(target.Spectrum), null, $"{band.BinCount(target.Spectrum)} bins"));
        }

        // The rows hold only S and the targets; with the spec and seed the noisy components A_i·sin(2π f_i t + φ_i) that
        // S averages can be regenerated, so the spectrum of each component, before mixing, is shown too.
        if (d.Seed is { } seed)
        {
            var set = SignalGenerator.Generate(spec, seed);
            for (int i = 0; i < set.FrequencyCount; i++)
            {
                double f = spec.Frequencies[i];
                var component = new SpectrumResult(label, "component", f, Spectrum.SingleSided(set.Components[i], spec.SampleRate));
                results.Add(component);
                var c = component.Spectrum;
                double componentFloor = c.Amplitudes.Skip(1).DefaultIfEmpty(double.NaN).Average();
                rows.Add(Row("amplitude of noisy component at f", f, c.AmplitudeAt(f), componentFloor,
                    $"A·sin(2πft + φ) of frequency f regenerated from the spec and seed {seed}; reference = its mean amplitude over all non-DC bins"));
                foreach (var band in options.Bands)
                    rows.Add(Row($"band mean amplitude of noisy component, {band.Label}", f, band.MeanAmplitude(c), null, $"{band.BinCount(c)} bins"));
            }
        }
        return (results, rows);
    }

    private static string BinNote(AmplitudeSpectrum s, double f) =>
        s.IsOnBin(f) ? "f falls on an FFT bin" : $"f = {ValidationTable.Format(f)} Hz is off-bin: nearest bin at {ValidationTable.Format(s.Frequencies[s.NearestBin(f)])} Hz";

    private static IEnumerable<ValidationRow> BaselineRows(IReadOnlyList<BaselineResult> baselines, string scoredOn, IReadOnlyList<double> frequencies, bool hasTest)
    {
        var variance = baselines.FirstOrDefault(b => b.Family == "variance");
        foreach (var b in baselines)
        {
            string metric = $"MSE: {b.Name}";
            yield return new(BaselinesSection, metric, scoredOn, null, b.Mse, variance?.Mse, b.Note + "; reference = target variance");
            for (int i = 0; i < frequencies.Count; i++)
                yield return new(BaselinesSection, metric, scoredOn, frequencies[i], b.MsePerFrequency[i], variance?.MsePerFrequency[i], b.Note);
            // With a test set, a fitted baseline's in-sample MSE on train shows how much of its fit is noise.
            if (hasTest && b.TrainMse is { } trainMse && b.TrainMsePerFrequency is { } trainPer)
            {
                yield return new(BaselinesSection, metric, InSampleLabel, null, trainMse, null, "fitted and scored on train");
                for (int i = 0; i < frequencies.Count; i++)
                    yield return new(BaselinesSection, metric, InSampleLabel, frequencies[i], trainPer[i], null, "fitted and scored on train");
            }
        }
    }

    /// <summary>The rows as a DataFrame with columns section, metric, dataset, frequency_hz, value, reference, note (null when absent).</summary>
    public DataFrame ToDataFrame() => ToDataFrame(Rows);

    /// <inheritdoc cref="ToDataFrame()"/>
    public static DataFrame ToDataFrame(IReadOnlyList<ValidationRow> rows) => new(
        new StringDataFrameColumn("section", rows.Select(r => r.Section)),
        new StringDataFrameColumn("metric", rows.Select(r => r.Metric)),
        new StringDataFrameColumn("dataset", rows.Select(r => r.Dataset)),
        new DoubleDataFrameColumn("frequency_hz", rows.Select(r => r.FrequencyHz)),
        new DoubleDataFrameColumn("value", rows.Select(r => (double?)r.Value)),
        new DoubleDataFrameColumn("reference", rows.Select(r => r.Reference)),
        new StringDataFrameColumn("note", rows.Select(r => r.Note)));

    /// <summary>One pivoted table per section, in the order structure, spectrum, correlation, baselines.</summary>
    public IReadOnlyList<ValidationTable> ToTables() =>
        [.. new[] { Structure, SpectrumSection, CorrelationSection, BaselinesSection }.Select(s => ValidationTable.Pivot(s, Rows, Frequencies))];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // NaN and ±∞ are legitimate measurements (e.g. of a corrupt file); JSON has no numbers for them, so they are named.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record JsonDocumentShape(int Schema, double[] FrequenciesHz, string BaselinesScoredOn, string[] Problems, ValidationRow[] Rows);

    /// <summary>
    /// The report as JSON: <c>{"schema": 1, "frequenciesHz": [...], "baselinesScoredOn": "...", "problems": [...], "rows": [{section, metric,
    /// dataset, frequencyHz, value, reference, note}, ...]}</c>; NaN and ±∞ are written as "NaN", "Infinity", "-Infinity".
    /// </summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new JsonDocumentShape(1, [.. Frequencies], BaselinesScoredOn, [.. Problems], [.. Rows]), JsonOptions) + "\n";

    /// <summary>The rows of a report written by <see cref="ToJson"/>.</summary>
    public static IReadOnlyList<ValidationRow> RowsFromJson(string json)
    {
        var shape = JsonSerializer.Deserialize<JsonDocumentShape>(json, JsonOptions)
            ?? throw new FrequencyLabException("validation JSON is empty");
        return shape.Rows ?? throw new FrequencyLabException("validation JSON has no rows");
    }
}
