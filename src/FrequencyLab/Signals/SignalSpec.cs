namespace FrequencyLab.Signals;

/// <summary>
/// Everything that defines the mixture S(t) = (1/K) Σ_i A_i·sin(2π f_i t + φ_i), t = n/fs for n in [0, N), N = round(duration·fs).
/// Defaults are the report's task: four frequencies, 1000 Hz for 10 s, A ~ U(0.8, 1.2), φ ~ U(0, 2π) per sample.
/// </summary>
public sealed record SignalSpec
{
    /// <summary>The component frequencies in Hz, in one-hot order (C1 is the first).</summary>
    public double[] Frequencies { get; init; } = [1.0, 3.0, 5.0, 7.0];
    /// <summary>Sampling rate fs in Hz; must exceed twice the highest frequency (Nyquist).</summary>
    public double SampleRate { get; init; } = 1000.0;
    /// <summary>Length of the series in seconds; t covers [0, duration).</summary>
    public double Duration { get; init; } = 10.0;
    public double AmplitudeMin { get; init; } = 0.8;
    public double AmplitudeMax { get; init; } = 1.2;
    public double PhaseMin { get; init; } = 0.0;
    public double PhaseMax { get; init; } = 2.0 * Math.PI;
    public NoiseMode Noise { get; init; } = NoiseMode.PerSample;

    /// <summary>Standard deviation of the Gaussian noise added to S in <see cref="NoiseMode.Additive"/> mode (ignored by the
    /// other modes). Default 0.1: the clean mixture of K = 4 unit sines over 4 has variance 4·½/16 = 0.125 (RMS ≈ 0.35), so 0.1
    /// is a power signal-to-noise ratio of 12.5 (about 11 dB): noisy enough to matter, clean enough that the clock shows.</summary>
    public double NoiseStd { get; init; } = DefaultNoiseStd;

    /// <summary>The documented default of <see cref="NoiseStd"/>.</summary>
    public const double DefaultNoiseStd = 0.1;

    /// <summary>The report's task.</summary>
    public static SignalSpec Default { get; } = new();

    /// <summary>Number of time samples N = round(duration·fs).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int SampleCount => (int)Math.Round(Duration * SampleRate);

    [System.Text.Json.Serialization.JsonIgnore]
    public int FrequencyCount => Frequencies.Length;

    /// <summary>Throws <see cref="InvalidSpecException"/> naming the first problem; returns this spec when it is valid.</summary>
    public SignalSpec Validate()
    {
        static void Fail(string message) => throw new InvalidSpecException($"invalid signal spec: {message}");
        if (Frequencies is null || Frequencies.Length == 0) Fail("no frequencies given");
        foreach (var f in Frequencies!)
        {
            if (!double.IsFinite(f)) Fail($"frequency {f} is not a finite number");
            if (f <= 0) Fail($"frequency {f} Hz is not positive");
        }
        if (Frequencies.Distinct().Count() != Frequencies.Length) Fail("frequencies must be distinct");
        if (!double.IsFinite(SampleRate)) Fail($"sample rate {SampleRate} is not a finite number");
        if (SampleRate <= 0) Fail($"sample rate {SampleRate} Hz is not positive");
        if (!double.IsFinite(Duration)) Fail($"duration {Duration} is not a finite number");
        if (Duration <= 0) Fail($"duration {Duration} s is not positive");
        var fmax = Frequencies.Max();
        if (SampleRate <= 2 * fmax)
            Fail($"sample rate {SampleRate} Hz is at or below the Nyquist rate 2×{fmax} = {2 * fmax} Hz for the highest frequency");
        if (Duration * SampleRate < 1) Fail("duration × sample rate gives no samples");
        if (Duration * SampleRate > 100_000_000) Fail($"duration × sample rate = {Duration * SampleRate} samples is more than 1e8");
        // A dataset holds K·N rows of 1 + K + 1 values in single arrays; beyond Array.MaxLength it cannot exist at all.
        if ((double)FrequencyCount * SampleCount * (FrequencyCount + 2) > Array.MaxLength)
            Fail($"{FrequencyCount} frequencies × {SampleCount} samples give a dataset larger than one array can hold");
        if (!double.IsFinite(AmplitudeMin) || !double.IsFinite(AmplitudeMax)) Fail("amplitude range is not finite");
        if (AmplitudeMin > AmplitudeMax) Fail($"amplitude range [{AmplitudeMin}, {AmplitudeMax}] is inverted");
        if (!double.IsFinite(PhaseMin) || !double.IsFinite(PhaseMax)) Fail("phase range is not finite");
        if (PhaseMin > PhaseMax) Fail($"phase range [{PhaseMin}, {PhaseMax}] is inverted");
        if (!Enum.IsDefined(Noise)) Fail($"unknown noise mode {Noise}");
        if (!double.IsFinite(NoiseStd)) Fail($"noise std {NoiseStd} is not a finite number");
        if (NoiseStd <= 0) Fail($"noise std {NoiseStd} is not positive");
        return this;
    }

    public bool Equals(SignalSpec? other) =>
        other is not null
        && Frequencies.AsSpan().SequenceEqual(other.Frequencies)
        && SampleRate.Equals(other.SampleRate) && Duration.Equals(other.Duration)
        && AmplitudeMin.Equals(other.AmplitudeMin) && AmplitudeMax.Equals(other.AmplitudeMax)
        && PhaseMin.Equals(other.PhaseMin) && PhaseMax.Equals(other.PhaseMax)
        && Noise == other.Noise && NoiseStd.Equals(other.NoiseStd);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var f in Frequencies) h.Add(f);
        h.Add(SampleRate); h.Add(Duration); h.Add(AmplitudeMin); h.Add(AmplitudeMax); h.Add(PhaseMin); h.Add(PhaseMax); h.Add(Noise); h.Add(NoiseStd);
        return h.ToHashCode();
    }
}
