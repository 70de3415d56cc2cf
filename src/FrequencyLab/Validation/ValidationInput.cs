using FrequencyLab.Data;
using FrequencyLab.Signals;

namespace FrequencyLab.Validation;

/// <summary>
/// A dataset made ready for <see cref="ValidationReport.Compute(FrequencyDataset, FrequencyDataset?, ValidationOptions?)"/>:
/// validation needs fs and the frequencies, which a sidecar's spec gives and a bare file (e.g. saved by numpy) does not.
/// </summary>
public static class ValidationInput
{
    /// <summary>
    /// <paramref name="dataset"/> (read from <paramref name="path"/>) with a spec. A sidecar's spec wins, and a given
    /// <paramref name="sampleRate"/> or <paramref name="frequencies"/> must agree with it; without one, both must be given and
    /// make the spec (duration = N/fs; the amplitude and phase ranges stay at their defaults and there is no seed).
    /// Throws <see cref="DataFileException"/> naming <paramref name="path"/> when they are missing or disagree, or when
    /// the file has no rows (there is nothing to validate, and no N to make a spec from).
    /// </summary>
    public static FrequencyDataset WithSpec(FrequencyDataset dataset, string path, double? sampleRate, double[]? frequencies)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(path);
        if (dataset.RowCount == 0) throw new DataFileException(path, "has 0 rows: nothing to validate");
        if (dataset.Spec is { } spec)
        {
            if (sampleRate is { } f && f != spec.SampleRate)
                throw new DataFileException(path, $"--fs {f} disagrees with the sidecar's {spec.SampleRate} Hz");
            if (frequencies is { } fr && !fr.AsSpan().SequenceEqual(spec.Frequencies))
                throw new DataFileException(path, $"--frequencies {string.Join(",", fr)} disagree with the sidecar's {string.Join(",", spec.Frequencies)}");
            return dataset;
        }
        if (sampleRate is not { } rate || frequencies is null)
            throw new DataFileException(path, "no signal spec in its sidecar: validate needs fs and the frequencies (give --fs and --frequencies)");
        if (frequencies.Length != dataset.FrequencyCount)
            throw new DataFileException(path, $"--frequencies gives {frequencies.Length} frequencies, the file has {dataset.FrequencyCount} one-hot columns");
        int samples = dataset.TimeIndex.Max() + 1;
        SignalSpec made;
        try { made = new SignalSpec { Frequencies = frequencies, SampleRate = rate, Duration = samples / rate }.Validate(); }
        catch (InvalidSpecException e) { throw new DataFileException(path, $"--fs and --frequencies do not fit its {samples} time samples: {e.Message}"); }
        return new FrequencyDataset(dataset.Inputs, dataset.Targets, dataset.FrequencyIndex, dataset.TimeIndex, dataset.FrequencyCount,
            dataset.Order, made, seed: null);
    }
}
