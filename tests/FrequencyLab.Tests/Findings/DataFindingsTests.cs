using FrequencyLab.Data;
using FrequencyLab.Findings;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Findings;

/// <summary>Each DataFindings factory on synthetic signals built to drive each of its verdicts.</summary>
public class DataFindingsTests
{
    private static readonly SignalSpec Short = SignalSpec.Default with { Duration = 1.0 };

    private static SignalSet Generate(SignalSpec spec, ulong seed = 1) => SignalGenerator.Generate(spec, seed);

    /// <summary>One 5 Hz sinusoid with A = 1 and φ = 0: S is the target itself, so everything about it is predictable.</summary>
    private static readonly SignalSpec Pure = new() { Frequencies = [5.0], Duration = 1.0, AmplitudeMin = 1, AmplitudeMax = 1, PhaseMin = 0, PhaseMax = 0 };

    [Fact]
    public void Randomization_is_supported_for_per_sample_draws_and_contradicted_for_per_series_or_out_of_range_draws()
    {
        Assert.Equal(Verdict.Supported, DataFindings.PerSampleRandomization(Generate(Short)).Verdict);
        var perSeries = DataFindings.PerSampleRandomization(Generate(Short with { Noise = NoiseMode.PerSeries }));
        Assert.Equal(Verdict.Contradicted, perSeries.Verdict);
        Assert.Equal(4 * (Short.SampleCount - 1), perSeries.Measurements.Single(m => m.Name == "consecutive repeated draws").Value);

        // Fresh draws, but from U(0.8, 1.6) while the spec says U(0.8, 1.2): the moments and the range give it away.
        var wide = Generate(Short with { AmplitudeMax = 1.6 }) with { Spec = Short };
        Assert.Equal(Verdict.Contradicted, DataFindings.PerSampleRandomization(wide).Verdict);
    }

    [Fact]
    public void A_component_keeps_its_targets_phase_only_when_phases_are_fixed()
    {
        Assert.Equal(Verdict.Contradicted, DataFindings.ComponentPhase(Generate(Short)).Verdict);
        var fixedPhase = DataFindings.ComponentPhase(Generate(Short with { Noise = NoiseMode.PerSeries }));
        Assert.Equal(Verdict.Supported, fixedPhase.Verdict);
        Assert.Contains("phase-shifted copy", fixedPhase.Explanation);
    }

    [Fact]
    public void Row_orders_of_one_set_hold_the_same_rows_and_of_two_sets_do_not()
    {
        var signals = Generate(Short);
        var blocks = FrequencyDataset.FromSignals(signals, RowOrder.Blocks);
        var same = DataFindings.RowOrders(blocks, FrequencyDataset.FromSignals(signals, RowOrder.Interleaved));
        Assert.Equal(Verdict.Supported, same.Verdict);
        Assert.Equal(1, same.Measurements.Single(m => m.Name == "rows to the next sample of a frequency, blocks").Value);
        Assert.Equal(4, same.Measurements.Single(m => m.Name == "rows to the next sample of a frequency, interleaved").Value);
        var other = FrequencyDataset.FromSignals(Generate(Short, seed: 2), RowOrder.Interleaved);
        Assert.Equal(Verdict.Contradicted, DataFindings.RowOrders(blocks, other).Verdict);
    }

    [Fact]
    public void Spectrum_lines_are_supported_contradicted_or_inconclusive_by_how_many_frequencies_stand_out()
    {
        var control = Spectrum.SingleSided(Generate(Short with { Noise = NoiseMode.PerSeries }).Mixture, Short.SampleRate);
        var task = Spectrum.SingleSided(Generate(Short).Mixture, Short.SampleRate);
        Assert.Equal(Verdict.Supported, DataFindings.SpectrumLines(control, control, Short.Frequencies).Verdict);
        Assert.Equal(Verdict.Contradicted, DataFindings.SpectrumLines(task, control, Short.Frequencies).Verdict);

        // Two of the four lines: only 1 and 3 Hz are in the signal.
        var time = Enumerable.Range(0, Short.SampleCount).Select(n => n / Short.SampleRate).ToArray();
        var twoLines = time.Select(t => Math.Sin(2 * Math.PI * t) + Math.Sin(2 * Math.PI * 3 * t) + 1e-3 * Math.Sin(2 * Math.PI * 40 * t)).ToArray();
        var half = DataFindings.SpectrumLines(Spectrum.SingleSided(twoLines, Short.SampleRate), control, Short.Frequencies);
        Assert.Equal(Verdict.Inconclusive, half.Verdict);
        Assert.Equal(2, DataFindings.LinesAboveNoise(Spectrum.SingleSided(twoLines, Short.SampleRate), Short.Frequencies));
    }

    [Fact]
    public void Structure_is_supported_for_generated_sets()
    {
        var report = ValidationReport.Compute(Generate(Short), Generate(Short, 2));
        var finding = DataFindings.Structure(report);
        Assert.Equal(Verdict.Supported, finding.Verdict);
        Assert.Equal(0, finding.Measurements.Single(m => m.Name == "problems").Value);
    }

    [Fact]
    public void Correlation_noise_floor_and_information_follow_whether_S_holds_the_target()
    {
        var noisy = ValidationReport.Compute(Generate(Short), Generate(Short, 2));
        Assert.Equal(Verdict.Contradicted, DataFindings.Correlations(noisy).Verdict);
        Assert.Equal(Verdict.Contradicted, DataFindings.NoiseFloor(noisy).Verdict);
        var noisyS = noisy.Spectra.Single(s => s.Dataset == "train" && s.Signal == "S").Spectrum;
        Assert.Equal(Verdict.Contradicted, DataFindings.SignalInformation(noisy, noisyS).Verdict);

        // S equal to its target: correlated, predictable below 0.02 by a memoryless map, with a line.
        var pure = ValidationReport.Compute(Generate(Pure), Generate(Pure, 2));
        Assert.Equal(Verdict.Supported, DataFindings.Correlations(pure).Verdict);
        var floor = DataFindings.NoiseFloor(pure);
        Assert.Equal(Verdict.Supported, floor.Verdict);
        Assert.True(floor.Measurements.Single(m => m.Name == "best memoryless MSE").Value <= 0.02);
        var pureS = pure.Spectra.Single(s => s.Dataset == "train" && s.Signal == "S").Spectrum;
        Assert.Equal(Verdict.Supported, DataFindings.SignalInformation(pure, pureS).Verdict);
    }
}
