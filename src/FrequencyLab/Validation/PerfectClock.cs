using FrequencyLab.Signals;

namespace FrequencyLab.Validation;

/// <summary>The predictor that knows t and the frequency: ŷ = sin(2π f_i t), t = n/fs — the generator's own target formula.</summary>
public static class PerfectClock
{
    /// <summary>sin(((2π)·f_i)·(n/fs)), the same association as <see cref="SignalGenerator"/>, so it reproduces generated targets bit for bit.</summary>
    public static double Predict(SignalSpec spec, int frequencyIndex, int timeIndex)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double omega = 2 * Math.PI * spec.Frequencies[frequencyIndex];
        double t = timeIndex / spec.SampleRate;
        return Math.Sin(omega * t);
    }
}
