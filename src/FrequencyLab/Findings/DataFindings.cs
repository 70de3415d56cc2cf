using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Findings;

/// <summary>
/// The findings of notebook 01 (data validation): each factory measures its inputs, applies one explicit rule and returns a
/// <see cref="Finding"/> whose explanation is written from the measured numbers. The notebook displays them; the claims
/// ledger collects the same objects.
/// </summary>
public static class DataFindings
{
    public const string RandomizationQuestion = "Are A and φ drawn afresh for every sample, from U(0.8, 1.2) and U(0, 2π)?";
    public const string ComponentQuestion = "Does a noisy component keep the phase of its clean target?";
    public const string RowOrderQuestion = "Do the blocks and interleaved orders hold the same rows?";
    public const string StructureQuestion = "Do both sets meet the row contract and match a regeneration from spec and seed?";
    public const string SpectrumQuestion = "Does the spectrum of S(t) show the four frequencies?";
    public const string CorrelationQuestion = "Does S(t) correlate with any target beyond sampling noise?";
    public const string NoiseFloorQuestion = "Is 0.01–0.02 MSE the noise floor of this task?";
    public const string InformationQuestion = "Does S(t) carry usable information about the clean targets?";

    /// <summary>Bins on each side of an f_i that do not count as noise when looking for a line (spectral leakage).</summary>
    public const int LineGuardBins = 2;

    /// <summary>
    /// Per-sample randomization as specified: no consecutive repeat of a draw, every draw in its range, and the sample mean
    /// and standard deviation of the draws where U(lo, hi) puts them (|z| of the mean &lt; 4, standard deviation within 5 %).
    /// </summary>
    public static Finding PerSampleRandomization(SignalSet signals)
    {
        var spec = signals.Spec;
        int k = signals.FrequencyCount, n = signals.SampleCount;
        int repeats = 0;
        for (int i = 0; i < k; i++)
            for (int j = 1; j < n; j++)
                if (signals.Amplitudes[i][j] == signals.Amplitudes[i][j - 1] || signals.Phases[i][j] == signals.Phases[i][j - 1]) repeats++;
        var amplitude = Uniform.Of(signals.Amplitudes, spec.AmplitudeMin, spec.AmplitudeMax);
        var phase = Uniform.Of(signals.Phases, spec.PhaseMin, spec.PhaseMax);
        bool asSpecified = repeats == 0 && amplitude.InRange && phase.InRange && amplitude.Matches && phase.Matches;
        var explanation = asSpecified
            ? $"Over {Number.Format(amplitude.Count)} draws each, no consecutive pair repeats, every draw lies in its range, and the means and standard deviations of A and φ are those of their uniform distributions."
            : $"{Number.Format(repeats)} of {Number.Format(k * (n - 1))} consecutive pairs repeat a draw"
              + (amplitude.InRange && phase.InRange ? "" : ", some draws lie outside their range")
              + (amplitude.Matches && phase.Matches ? "" : ", the moments of the draws are not those of the specified uniforms")
              + ": the draws are not made afresh for every sample as specified.";
        return new Finding(RandomizationQuestion, asSpecified ? Verdict.Supported : Verdict.Contradicted, explanation,
            "supported when no consecutive pair repeats, all draws lie in range, |z| of each mean < 4 and each standard deviation is within 5 % of (hi − lo)/√12",
            [
                new("consecutive repeated draws", repeats),
                new("mean of A", amplitude.Mean), new("standard deviation of A (theory " + Number.Format(amplitude.TheoryStd) + ")", amplitude.Std),
                new("mean of φ", phase.Mean, "rad"), new("standard deviation of φ (theory " + Number.Format(phase.TheoryStd) + ")", phase.Std, "rad"),
                new("largest |z| of a mean", Math.Max(Math.Abs(amplitude.MeanZ), Math.Abs(phase.MeanZ))),
            ],
            Claim: "Per-sample randomization correctly implemented", Source: "Phase 1");
    }

    /// <summary>
    /// Whether each noisy component correlates with its own clean target beyond 4/√N: with φ uniform and drawn afresh per
    /// sample, E[A·sin(2πft + φ)] = 0 at every t, so it should not.
    /// </summary>
    public static Finding ComponentPhase(SignalSet signals)
    {
        var r = Enumerable.Range(0, signals.FrequencyCount).Select(i => Correlation.Pearson(signals.Components[i], signals.Targets[i])).ToArray();
        double level = Correlation.NoiseLevel(signals.SampleCount);
        int beyond = r.Count(x => Math.Abs(x) > 4 * level);
        double largest = r.Max(Math.Abs);
        var explanation = beyond == 0
            ? $"No component correlates with its clean target beyond 4/√N (largest |r| = {Number.Format(largest)}, 1/√N = {Number.Format(level)}): with φ drawn afresh and uniform over a whole turn, E[A·sin(2πft + φ)] = 0 at every t, so a component carries no trace of its target's phase."
            : $"{beyond} of {r.Length} components correlate with their clean target beyond 4/√N (largest |r| = {Number.Format(largest)}, 1/√N = {Number.Format(level)}): a component is then a phase-shifted copy of its target, with correlation cos φ set by its draws.";
        return new Finding(ComponentQuestion, beyond > 0 ? Verdict.Supported : Verdict.Contradicted, explanation,
            "supported when some |r(component, target)| exceeds 4/√N",
            [new("largest |r(component, target)|", largest), new("1/√N", level), new("components beyond 4/√N", beyond)]);
    }

    /// <summary>Whether two orders of one signal set hold the same rows, and how often the selector switches in each.</summary>
    public static Finding RowOrders(FrequencyDataset blocks, FrequencyDataset interleaved)
    {
        bool same = RowKeys(blocks).SequenceEqual(RowKeys(interleaved));
        double switchBlocks = SwitchFraction(blocks), switchInterleaved = SwitchFraction(interleaved);
        double gapBlocks = MeanGap(blocks), gapInterleaved = MeanGap(interleaved);
        var explanation = (same ? $"Both orders hold exactly the same {Number.Format(blocks.RowCount)} rows. " : "The two orders hold different rows. ")
            + $"The selector changes between consecutive rows in {Number.Format(100 * switchBlocks)} % of transitions in blocks order and {Number.Format(100 * switchInterleaved)} % in interleaved order; "
            + $"the next time sample of the same frequency comes {Number.Format(gapBlocks)} row(s) later in blocks order and {Number.Format(gapInterleaved)} in interleaved order, "
            + "so in blocks order the carried state sees one frequency advance row by row, and each block starts with the state the previous frequency left.";
        return new Finding(RowOrderQuestion, same ? Verdict.Supported : Verdict.Contradicted, explanation,
            "supported when the sorted (frequency, time, input, target) rows of both orders are identical",
            [
                new("rows", blocks.RowCount), new("selector switches, blocks", 100 * switchBlocks, "%"), new("selector switches, interleaved", 100 * switchInterleaved, "%"),
                new("rows to the next sample of a frequency, blocks", gapBlocks), new("rows to the next sample of a frequency, interleaved", gapInterleaved),
            ]);
    }

    /// <summary>The structure checks of a validation report: no problem in any set.</summary>
    public static Finding Structure(ValidationReport report)
    {
        var problems = report.Problems;
        double regeneration = report.StructureResults.Max(s => s.RegenerationMaxError ?? double.NaN);
        var explanation = problems.Count == 0
            ? $"No row-contract problem in {report.StructureResults.Count} set(s) of {Number.Format(report.StructureResults.Sum(s => s.RowCount))} rows: every (frequency, time) cell exactly once, all values finite, and S and the targets equal a regeneration from spec and seed (largest difference {Number.Format(regeneration)})."
            : $"{problems.Count} problem(s): " + string.Join("; ", problems) + ".";
        return new Finding(StructureQuestion, problems.Count == 0 ? Verdict.Supported : Verdict.Contradicted, explanation,
            "supported when the structure checks report no problem",
            [new("problems", problems.Count), new("largest difference from regeneration", regeneration)]);
    }

    /// <summary>How many of <paramref name="frequencies"/> stand out: their bin exceeds every bin away (± <see cref="LineGuardBins"/>) from all of them.</summary>
    public static int LinesAboveNoise(AmplitudeSpectrum spectrum, IReadOnlyList<double> frequencies)
    {
        double noise = LargestNoiseBin(spectrum, frequencies);
        return frequencies.Count(f => spectrum.AmplitudeAt(f) > noise);
    }

    /// <summary>The largest bin (DC excluded) farther than <see cref="LineGuardBins"/> bins from every one of <paramref name="frequencies"/>.</summary>
    public static double LargestNoiseBin(AmplitudeSpectrum spectrum, IReadOnlyList<double> frequencies) =>
        Enumerable.Range(1, spectrum.Amplitudes.Length - 1)
            .Where(b => frequencies.All(f => Math.Abs(b - spectrum.NearestBin(f)) > LineGuardBins))
            .Max(b => spectrum.Amplitudes[b]);

    /// <summary>
    /// The report's FFT claim, tested on S(t) itself: supported when every f_i stands out of the largest noise bin,
    /// contradicted when none does, inconclusive in between. <paramref name="control"/> (the same generator with one A and φ
    /// per series) shows what a signal with lines looks like.
    /// </summary>
    public static Finding SpectrumLines(AmplitudeSpectrum mixture, AmplitudeSpectrum control, IReadOnlyList<double> frequencies)
    {
        int lines = LinesAboveNoise(mixture, frequencies), controlLines = LinesAboveNoise(control, frequencies);
        int k = frequencies.Count;
        var verdict = lines == k ? Verdict.Supported : lines == 0 ? Verdict.Contradicted : Verdict.Inconclusive;
        var explanation = $"In S(t), {lines} of {k} frequencies rise above the largest noise bin ({Number.Format(LargestNoiseBin(mixture, frequencies))}); in the fixed-phase control, {controlLines} of {k} do. "
            + verdict switch
            {
                Verdict.Supported => "All frequencies are visible in the input.",
                Verdict.Contradicted => "The spectrum of S is flat noise at the four frequencies: they are visible only in the clean targets" + (controlLines == k ? " and in a signal with fixed phases" : "") + ", which is probably what that check looked at.",
                _ => "Only some frequencies are visible in the input.",
            };
        return new Finding(SpectrumQuestion, verdict, explanation,
            $"a frequency stands out when its bin exceeds every bin more than {LineGuardBins} bins away from all f_i; supported when all do, contradicted when none does",
            [new("frequencies standing out in S", lines), new("frequencies standing out in the control", controlLines), new("largest noise bin of S", LargestNoiseBin(mixture, frequencies))],
            Claim: "FFT shows correct frequencies (1, 3, 5, 7 Hz)", Source: "Phase 1");
    }

    /// <summary>Pearson r of S with each target against 3/√N, over every set of the report.</summary>
    public static Finding Correlations(ValidationReport report)
    {
        var c = report.Correlations;
        int beyond = c.Count(x => Math.Abs(x.R) > 3 * x.NoiseLevel);
        var largest = c.MaxBy(x => Math.Abs(x.R))!;
        var explanation = $"{beyond} of {c.Count} correlations exceed 3/√N; the largest |r| is {Number.Format(Math.Abs(largest.R))} = {Number.Format(Math.Abs(largest.R) / largest.NoiseLevel)}/√N. "
            + (beyond == 0 ? "To within sampling noise S is uncorrelated with every target: a linear read-out of S cannot predict the target."
                           : "Some correlation survives in S; the baselines show how much of the target it explains.");
        return new Finding(CorrelationQuestion, beyond > 0 ? Verdict.Supported : Verdict.Contradicted, explanation,
            "supported when some |r(S, target)| exceeds 3/√N",
            [new("correlations beyond 3/√N", beyond), new("largest |r(S, target)|", Math.Abs(largest.R)), new("1/√N", largest.NoiseLevel)]);
    }

    /// <summary>
    /// The report's §8.2 floor of 0.01–0.02 MSE against the baselines: contradicted when the best memoryless predictor of the
    /// target from (S, selector) stays above 0.02, supported otherwise. The perfect clock shows what knowing time gives.
    /// </summary>
    public static Finding NoiseFloor(ValidationReport report)
    {
        const double reportFloorHigh = 0.02;
        var best = Baseline(report, "best-memoryless");
        var variance = Baseline(report, "variance");
        var clock = Baseline(report, "clock");
        double explained = 1 - best.Mse / variance.Mse;
        bool contradicted = best.Mse > reportFloorHigh;
        var explanation = $"On {report.BaselinesScoredOn}, the best memoryless predictor from S and the selector reaches MSE {Number.Format(best.Mse)} against the target variance {Number.Format(variance.Mse)} ({Number.Format(100 * explained)} % explained); the perfect clock, which ignores S and uses t, reaches {Number.Format(clock.Mse)}. "
            + (contradicted
                ? $"A model that maps the current input to an output cannot go below about {Number.Format(best.Mse)}, while a model that knows time has {(clock.Mse < 0.01 ? "essentially no floor" : "a floor of " + Number.Format(clock.Mse))}: 0.01–0.02 is not a floor of this task."
                : $"Memoryless prediction already reaches {Number.Format(best.Mse)}, consistent with the stated floor.");
        return new Finding(NoiseFloorQuestion, contradicted ? Verdict.Contradicted : Verdict.Supported, explanation,
            $"contradicted when the best memoryless baseline's MSE exceeds {Number.Format(reportFloorHigh)}",
            [new("best memoryless MSE", best.Mse, "MSE"), new("target variance", variance.Mse, "MSE"), new("perfect clock MSE", clock.Mse, "MSE"), new("variance explained by S", 100 * explained, "%")],
            Claim: "theoretical noise floor ~0.01–0.02 MSE", Source: "§8.2");
    }

    /// <summary>
    /// The summary of the notebook: S is uninformative when no spectral line stands out, no correlation exceeds 3/√N and
    /// the best memoryless predictor explains under 1 % of the target variance.
    /// </summary>
    public static Finding SignalInformation(ValidationReport report, AmplitudeSpectrum mixture)
    {
        int lines = LinesAboveNoise(mixture, report.Frequencies);
        int beyond = report.Correlations.Count(x => Math.Abs(x.R) > 3 * x.NoiseLevel);
        var best = Baseline(report, "best-memoryless");
        var variance = Baseline(report, "variance");
        var clock = Baseline(report, "clock");
        double explained = 1 - best.Mse / variance.Mse;
        bool uninformative = lines == 0 && beyond == 0 && explained < 0.01;
        var explanation = uninformative
            ? $"S(t) carries no usable information about the clean targets: no spectral line, no correlation beyond 3/√N, and the best memoryless predictor explains {Number.Format(100 * explained)} % of the variance, while a predictor that knows t reaches {Number.Format(clock.Mse)}. A loss below {Number.Format(best.Mse)} can therefore only come from a carried state that counts time within a frequency block: a clock, not a filter."
            : $"S(t) retains some information about the targets ({lines} of {report.Frequencies.Count} spectral lines, {beyond} correlations beyond 3/√N, {Number.Format(100 * explained)} % of the variance explained by the best memoryless predictor, MSE {Number.Format(best.Mse)}). The question is whether a carried state adds anything to what the current input already holds.";
        return new Finding(InformationQuestion, uninformative ? Verdict.Contradicted : Verdict.Supported, explanation,
            "contradicted when no line stands out, no |r| exceeds 3/√N and the best memoryless predictor explains under 1 % of the variance",
            [new("spectral lines in S", lines), new("correlations beyond 3/√N", beyond), new("variance explained by S", 100 * explained, "%"), new("perfect clock MSE", clock.Mse, "MSE")]);
    }

    private static BaselineResult Baseline(ValidationReport report, string family) =>
        report.Baselines.FirstOrDefault(b => b.Family == family)
        ?? throw new InvalidSpecException($"the validation report has no {family} baseline");

    private static IEnumerable<string> RowKeys(FrequencyDataset d) =>
        Enumerable.Range(0, d.RowCount)
            .Select(r => $"{d.FrequencyIndex[r]}:{d.TimeIndex[r]}:{string.Join(",", d.Input(r).ToArray())}:{d.Targets[r]}")
            .Order(StringComparer.Ordinal);

    private static double SwitchFraction(FrequencyDataset d) =>
        d.RowCount < 2 ? 0 : Enumerable.Range(1, d.RowCount - 1).Count(r => d.FrequencyIndex[r] != d.FrequencyIndex[r - 1]) / (double)(d.RowCount - 1);

    /// <summary>Mean number of rows from a row to the next time sample of the same frequency.</summary>
    private static double MeanGap(FrequencyDataset d)
    {
        var last = new Dictionary<int, (int Row, int Time)>();
        long sum = 0;
        int count = 0;
        for (int r = 0; r < d.RowCount; r++)
        {
            if (last.TryGetValue(d.FrequencyIndex[r], out var prev) && d.TimeIndex[r] == prev.Time + 1) { sum += r - prev.Row; count++; }
            last[d.FrequencyIndex[r]] = (r, d.TimeIndex[r]);
        }
        return count == 0 ? double.NaN : sum / (double)count;
    }

    /// <summary>Sample moments of draws against U(lo, hi): mean (lo+hi)/2, standard deviation (hi−lo)/√12.</summary>
    private sealed record Uniform(int Count, double Mean, double Std, double TheoryStd, double MeanZ, bool InRange)
    {
        public bool Matches => Math.Abs(MeanZ) < 4 && Math.Abs(Std / TheoryStd - 1) < 0.05;

        public static Uniform Of(double[][] draws, double lo, double hi)
        {
            var all = draws.SelectMany(x => x).ToArray();
            double mean = all.Average();
            double std = Math.Sqrt(all.Select(v => (v - mean) * (v - mean)).Average());
            double theoryStd = (hi - lo) / Math.Sqrt(12);
            double z = (mean - (lo + hi) / 2) / (theoryStd / Math.Sqrt(all.Length));
            return new Uniform(all.Length, mean, std, theoryStd, z, all.All(v => v >= lo && v < hi));
        }
    }
}
