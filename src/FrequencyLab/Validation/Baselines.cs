using FrequencyLab.Data;

namespace FrequencyLab.Validation;

/// <summary>
/// Reference predictors of the target, each scored as an MSE on a scored set (the test set, or train itself when
/// no test set is given): zero; the scored set's own mean (its variance); memoryless predictors of the target from
/// (S, frequency) fitted on train (polynomials in S and equal-count quantile bins of S, one fit per frequency);
/// causal linear filters of the last K samples of S fitted on train (one per frequency, <see cref="CausalLinearFilter"/>);
/// the perfect clock (knows t and the frequency); persistence (the previous row's target) in each row order.
/// </summary>
public static class Baselines
{
    public static IReadOnlyList<BaselineResult> Score(FrequencyDataset train, FrequencyDataset scored, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(scored);
        options ??= ValidationOptions.Default;
        if (train.FrequencyCount != scored.FrequencyCount)
            throw new FrequencyLabException($"train has {train.FrequencyCount} frequencies and the scored set {scored.FrequencyCount}");
        int k = scored.FrequencyCount;
        var results = new List<BaselineResult>();

        results.Add(Evaluate(scored, (_, _, _) => 0.0, "zero", "zero", "predicts 0 for every row"));

        var ownMeans = PerFrequency(scored).Select(g => g.Y.Length == 0 ? double.NaN : g.Y.Average()).ToArray();
        results.Add(Evaluate(scored, (i, _, _) => ownMeans[i], "own mean (variance)", "variance",
            "predicts the scored set's own per-frequency target mean: its target variance, for scale"));

        var memoryless = new List<BaselineResult>();
        var trainGroups = PerFrequency(train);
        foreach (var degree in options.PolynomialDegrees)
        {
            var fits = trainGroups.Select(g => g.X.Length > degree ? PolynomialPredictor.Fit(g.X, g.Y, degree) : null).ToArray();
            memoryless.Add(EvaluateFitted(train, scored, fits, $"polynomial degree {degree}", "polynomial",
                (degree == 0 ? "train mean of the target per frequency" : $"least-squares polynomial of degree {degree} in S per frequency, fitted on train")
                + NotEnoughRows(trainGroups, degree + 1, $"a degree-{degree} fit")));
        }
        foreach (var bins in options.QuantileBinCounts)
        {
            var fits = trainGroups.Select(g => g.X.Length >= bins ? QuantileBinPredictor.Fit(g.X, g.Y, bins) : null).ToArray();
            memoryless.Add(EvaluateFitted(train, scored, fits, $"quantile bins {bins}", "quantile-bins",
                $"{bins} equal-count bins of S per frequency, bin mean of the target, fitted on train"
                + NotEnoughRows(trainGroups, bins, $"{bins} bins")));
        }
        results.AddRange(memoryless);
        if (memoryless.Count > 0)
        {
            var best = memoryless.MinBy(b => double.IsNaN(b.Mse) ? double.PositiveInfinity : b.Mse)!;
            results.Add(best with
            {
                Name = "best memoryless",
                Family = "best-memoryless",
                Note = $"lowest scored MSE among the memoryless baselines above ({best.Name}); chosen on the scored set, so optimistic",
            });
        }

        results.AddRange(LinearFilters(train, scored, options.LinearFilterTaps));

        if (scored.Spec is { } spec && spec.FrequencyCount == k)
            results.Add(Evaluate(scored, (i, t, _) => PerfectClock.Predict(spec, i, t), "perfect clock", "clock",
                "predicts sin(2π f_i t), t = n/fs: knows the time and the frequency"));

        var grid = SeriesGrid.FromDataset(scored);
        foreach (var order in new[] { RowOrder.Blocks, RowOrder.Interleaved })
        {
            var (mse, per) = Persistence.Score(grid, order);
            string name = order == RowOrder.Blocks ? "persistence (blocks)" : "persistence (interleaved)";
            results.Add(new BaselineResult(name, "persistence", mse, per, null, null,
                $"predicts the previous row's target in {order.ToString().ToLowerInvariant()} order (a label, not an input); first row not scored"
                + (grid.FrequencyCount * grid.SampleCount < 2 ? "; not enough rows (1 < 2): no row has a predecessor, so the MSE is NaN" : "")));
        }
        return results;
    }

    // One filter per frequency and K, fitted on train's series (S and that frequency's target over time), scored on the
    // scored set's rows through their (frequency, time) cells.
    private static IEnumerable<BaselineResult> LinearFilters(FrequencyDataset train, FrequencyDataset scored, IReadOnlyList<int> tapCounts)
    {
        if (tapCounts.Count == 0) yield break;
        var (trainGrid, scoredGrid) = (SeriesGrid.FromDataset(train), SeriesGrid.FromDataset(scored));
        bool complete = IsComplete(trainGrid) && IsComplete(scoredGrid);
        foreach (int taps in tapCounts)
        {
            string name = $"causal linear filter K={taps}", family = "linear-filter";
            string note = $"least-squares FIR filter of the last {(taps == 1 ? "sample" : $"{taps} samples")} of S (zero before the series starts) per frequency, fitted on train";
            string? missing = !complete
                ? "; the series have missing or non-finite (f, t) cells: a filter needs the whole series, so the MSE is NaN"
                : trainGrid.SampleCount < taps ? $"; not enough rows ({trainGrid.SampleCount} < {taps}): a {taps}-tap filter needs {taps} train time samples, so the MSE is NaN"
                : null;
            if (missing is not null)
            {
                var nan = Enumerable.Repeat(double.NaN, scored.FrequencyCount).ToArray();
                yield return new BaselineResult(name, family, double.NaN, nan, double.NaN, nan, note + missing) { Taps = taps };
                continue;
            }
            var filters = CausalLinearFilter.Fit(trainGrid.Mixture, trainGrid.Targets, taps);
            var onTrain = filters.Select(f => f.Predict(trainGrid.Mixture)).ToArray();
            var onScored = filters.Select(f => f.Predict(scoredGrid.Mixture)).ToArray();
            var trainScore = Evaluate(train, (i, t, _) => onTrain[i][t], name, family, note);
            yield return Evaluate(scored, (i, t, _) => onScored[i][t], name, family, note)
                with { TrainMse = trainScore.Mse, TrainMsePerFrequency = trainScore.MsePerFrequency, Taps = taps };
        }

        static bool IsComplete(SeriesGrid g) => g.Mixture.All(double.IsFinite) && g.Targets.All(y => y.All(double.IsFinite));
    }

    private readonly record struct Group(double[] X, double[] Y);

    private static Group[] PerFrequency(FrequencyDataset d)
    {
        var xs = Enumerable.Range(0, d.FrequencyCount).Select(_ => new List<double>()).ToArray();
        var ys = Enumerable.Range(0, d.FrequencyCount).Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < d.RowCount; r++)
        {
            int i = d.FrequencyIndex[r];
            if (i < 0 || i >= d.FrequencyCount) continue;
            xs[i].Add(d.Inputs[r * d.InputWidth]);
            ys[i].Add(d.Targets[r]);
        }
        return xs.Select((x, i) => new Group(x.ToArray(), ys[i].ToArray())).ToArray();
    }

    // A fit needs `needed` train rows at every frequency; where a frequency has fewer, its fit is absent and its MSE NaN,
    // and the note says so ("not enough rows (n < k)") instead of the fit failing the whole report.
    private static string NotEnoughRows(Group[] groups, int needed, string what)
    {
        int fewest = groups.Length == 0 ? 0 : groups.Min(g => g.X.Length);
        return fewest >= needed ? "" : $"; not enough rows ({fewest} < {needed}): {what} needs {needed} train rows per frequency, so the MSE is NaN where fewer";
    }

    // fits[i] is null where frequency i had too few train rows: those rows predict NaN.
    private static BaselineResult EvaluateFitted(FrequencyDataset train, FrequencyDataset scored, IScalarPredictor?[] fits, string name, string family, string note)
    {
        var onScored = Evaluate(scored, (i, _, s) => fits[i]?.Predict(s) ?? double.NaN, name, family, note);
        var onTrain = Evaluate(train, (i, _, s) => fits[i]?.Predict(s) ?? double.NaN, name, family, note);
        return onScored with { TrainMse = onTrain.Mse, TrainMsePerFrequency = onTrain.MsePerFrequency };
    }

    // predict(frequencyIndex, timeIndex, S) for every row with an in-range frequency index.
    private static BaselineResult Evaluate(FrequencyDataset d, Func<int, int, double, double> predict, string name, string family, string note)
    {
        int k = d.FrequencyCount;
        var sums = new double[k];
        var counts = new int[k];
        double total = 0;
        int totalCount = 0;
        for (int r = 0; r < d.RowCount; r++)
        {
            int i = d.FrequencyIndex[r];
            if (i < 0 || i >= k) continue;
            double e = d.Targets[r] - predict(i, d.TimeIndex[r], d.Inputs[r * d.InputWidth]);
            sums[i] += e * e; counts[i]++;
            total += e * e; totalCount++;
        }
        var per = new double[k];
        for (int i = 0; i < k; i++) per[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i];
        return new BaselineResult(name, family, totalCount == 0 ? double.NaN : total / totalCount, per, null, null, note);
    }
}
