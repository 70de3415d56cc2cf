using System.Globalization;
using FrequencyLab.Data;
using FrequencyLab.Findings;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Charts;

/// <summary>The tables notebook 01 shows beside its findings, so that no notebook cell builds a table row by row.</summary>
public static class DataTables
{
    /// <summary>What was generated: per set, its seed, N, fs, duration, frequencies, rows and how A and φ were drawn.</summary>
    public static HtmlTable GeneratedSets(params (string Name, SignalSet Signals)[] sets) =>
        new(["set", "seed", "N per frequency", "fs (Hz)", "duration (s)", "frequencies", "rows (K·N)", "A and φ drawn"],
            sets.Select(s => (IReadOnlyList<string>)[
                s.Name, s.Signals.Seed.ToString(CultureInfo.InvariantCulture), Number.Format(s.Signals.SampleCount), Number.Format(s.Signals.Spec.SampleRate),
                Number.Format(s.Signals.Spec.Duration), string.Join(", ", s.Signals.Spec.Frequencies.Select(Hz)),
                Number.Format(s.Signals.FrequencyCount * s.Signals.SampleCount), DataNames.Of(s.Signals.Spec.Noise)]),
            "Generated signal sets");

    /// <summary>Each noisy component against its own clean target: r and |r|·√N.</summary>
    public static HtmlTable ComponentCorrelations(SignalSet signals, string dataset = "train")
    {
        double level = Correlation.NoiseLevel(signals.SampleCount);
        return new HtmlTable(["frequency", "r(component, target)", "|r|·√N"],
            Enumerable.Range(0, signals.FrequencyCount).Select(i =>
            {
                double r = Correlation.Pearson(signals.Components[i], signals.Targets[i]);
                return (IReadOnlyList<string>)[Hz(signals.Spec.Frequencies[i]), Number.Format(r), Number.Format(Math.Abs(r) / level)];
            }),
            $"Each noisy component against its own clean target ({dataset})");
    }

    /// <summary>The first <paramref name="count"/> rows of a dataset: row, time index, t, S, the one-hot selector, the target.</summary>
    public static HtmlTable FirstRows(FrequencyDataset dataset, int count, double sampleRate)
    {
        var columns = new[] { "row", "n", "t (s)", "S" }.Concat(Enumerable.Range(1, dataset.FrequencyCount).Select(i => $"C{i}")).Append("target").ToArray();
        var rows = Enumerable.Range(0, Math.Min(count, dataset.RowCount)).Select(r => (IReadOnlyList<string>)
            new[] { r.ToString(CultureInfo.InvariantCulture), dataset.TimeIndex[r].ToString(CultureInfo.InvariantCulture), Number.Format(dataset.TimeIndex[r] / sampleRate) }
                .Concat(dataset.Input(r).ToArray().Select((v, j) => j == 0 ? Number.Format(v) : v.ToString("0", CultureInfo.InvariantCulture)))
                .Append(Number.Format(dataset.Targets[r])).ToArray());
        return new HtmlTable(columns, rows, $"First {count} rows, {DataNames.Of(dataset.Order)} order");
    }

    /// <summary>The amplitude at each f_i in S, in a control and in each target, and the largest noise bin of each.</summary>
    public static HtmlTable SpectrumAtFrequencies(AmplitudeSpectrum mixture, AmplitudeSpectrum control, IReadOnlyList<AmplitudeSpectrum> targets, IReadOnlyList<double> frequencies) =>
        new(["f", "S (task) at f", "S (control) at f", "target at f"],
            frequencies.Select((f, i) => (IReadOnlyList<string>)[Hz(f), Number.Format(mixture.AmplitudeAt(f)), Number.Format(control.AmplitudeAt(f)), Number.Format(targets[i].AmplitudeAt(f))])
                .Append(["largest bin away from all f_i", Number.Format(DataFindings.LargestNoiseBin(mixture, frequencies)), Number.Format(DataFindings.LargestNoiseBin(control, frequencies)), ""]),
            "Amplitude at each f_i and the largest noise bin (train)");

    private static string Hz(double f) => f.ToString("0.##", CultureInfo.InvariantCulture) + " Hz";
}
