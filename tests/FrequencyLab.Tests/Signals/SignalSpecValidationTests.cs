using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

public class SignalSpecValidationTests
{
    public static TheoryData<string, SignalSpec, string> Impossible() => new()
    {
        { "at Nyquist", new SignalSpec { SampleRate = 14 }, "Nyquist" },
        { "below Nyquist", new SignalSpec { Frequencies = [1, 600], SampleRate = 1000 }, "Nyquist" },
        { "zero duration", new SignalSpec { Duration = 0 }, "duration 0 s is not positive" },
        { "negative duration", new SignalSpec { Duration = -1 }, "duration -1 s is not positive" },
        { "zero fs", new SignalSpec { SampleRate = 0 }, "sample rate 0 Hz is not positive" },
        { "negative fs", new SignalSpec { SampleRate = -5 }, "sample rate -5 Hz is not positive" },
        { "no frequencies", new SignalSpec { Frequencies = [] }, "no frequencies" },
        { "negative frequency", new SignalSpec { Frequencies = [1, -3] }, "frequency -3 Hz is not positive" },
        { "zero frequency", new SignalSpec { Frequencies = [0, 3] }, "frequency 0 Hz is not positive" },
        { "repeated frequency", new SignalSpec { Frequencies = [3, 3] }, "distinct" },
        { "inverted amplitude", new SignalSpec { AmplitudeMin = 1.2, AmplitudeMax = 0.8 }, "amplitude range [1.2, 0.8] is inverted" },
        { "inverted phase", new SignalSpec { PhaseMin = 1, PhaseMax = 0 }, "phase range [1, 0] is inverted" },
        { "NaN frequency", new SignalSpec { Frequencies = [1, double.NaN] }, "frequency NaN is not a finite number" },
        { "infinite frequency", new SignalSpec { Frequencies = [double.PositiveInfinity] }, "not a finite number" },
        { "NaN fs", new SignalSpec { SampleRate = double.NaN }, "sample rate NaN is not a finite number" },
        { "NaN duration", new SignalSpec { Duration = double.NaN }, "duration NaN is not a finite number" },
        { "NaN amplitude min", new SignalSpec { AmplitudeMin = double.NaN }, "amplitude range is not finite" },
        { "NaN amplitude max", new SignalSpec { AmplitudeMax = double.NaN }, "amplitude range is not finite" },
        { "NaN phase min", new SignalSpec { PhaseMin = double.NaN }, "phase range is not finite" },
        { "infinite phase max", new SignalSpec { PhaseMax = double.PositiveInfinity }, "phase range is not finite" },
        { "no samples", new SignalSpec { Duration = 0.0004 }, "no samples" },
        { "too many samples", new SignalSpec { Duration = 1e6 }, "more than 1e8" },
        { "unknown noise", new SignalSpec { Noise = (NoiseMode)7 }, "unknown noise mode" },
        { "dataset too large", new SignalSpec { Frequencies = [.. Enumerable.Range(1, 40).Select(i => (double)i)], SampleRate = 100, Duration = 100_000 }, "larger than one array can hold" },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void Impossible_spec_is_rejected_with_one_line_naming_the_problem(string _, SignalSpec spec, string expected)
    {
        var e = Assert.Throws<InvalidSpecException>(() => spec.Validate());
        Assert.StartsWith("invalid signal spec: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<InvalidSpecException>(() => SignalGenerator.Generate(spec, 1));
    }

    [Fact]
    public void The_reports_task_and_a_spec_just_above_Nyquist_are_valid()
    {
        Assert.Same(SignalSpec.Default, SignalSpec.Default.Validate());
        new SignalSpec { SampleRate = 14.000001 }.Validate();
        new SignalSpec { AmplitudeMin = 1, AmplitudeMax = 1 }.Validate();
        Assert.Equal(10_000, SignalSpec.Default.SampleCount);
    }
}
