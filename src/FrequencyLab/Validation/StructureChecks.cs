using FrequencyLab.Data;
using FrequencyLab.Signals;

namespace FrequencyLab.Validation;

/// <summary>Measures the structure of a <see cref="FrequencyDataset"/>: counts, one-hot validity, finiteness, ranges, the t grid.</summary>
public static class StructureChecks
{
    /// <summary>
    /// Measures <paramref name="dataset"/>. With a spec it also measures the t grid (t = n/fs) and the largest
    /// distance of the targets from sin(2π f_i t); with a spec and seed, the largest distance from a fresh
    /// <see cref="SignalGenerator.Generate"/> of the same series.
    /// </summary>
    public static StructureResult Measure(FrequencyDataset dataset, string label)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int k = dataset.FrequencyCount, width = dataset.InputWidth, rows = dataset.RowCount;
        int n = 0;
        foreach (var t in dataset.TimeIndex) n = Math.Max(n, t + 1);

        int invalidOneHot = 0, nonFiniteInputs = 0, nonFiniteTargets = 0, outOfRange = 0, duplicates = 0;
        var seen = new bool[(long)k * n];
        var mixMin = new double[n];
        var mixMax = new double[n];
        Array.Fill(mixMin, double.PositiveInfinity);
        Array.Fill(mixMax, double.NegativeInfinity);
        double sMin = double.PositiveInfinity, sMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        double sSum = 0, sSumSq = 0;
        for (int r = 0; r < rows; r++)
        {
            var input = dataset.Input(r);
            foreach (var v in input) if (!double.IsFinite(v)) nonFiniteInputs++;
            double y = dataset.Targets[r];
            if (!double.IsFinite(y)) nonFiniteTargets++;
            int fi = dataset.FrequencyIndex[r], ti = dataset.TimeIndex[r];
            bool indexOk = fi >= 0 && fi < k && ti >= 0;
            if (!indexOk) outOfRange++;
            bool oneHotOk = indexOk;
            for (int j = 0; j < k && oneHotOk; j++) oneHotOk = input[1 + j] == (j == fi ? 1.0 : 0.0);
            if (!oneHotOk) invalidOneHot++;
            double s = input[0];
            sMin = Math.Min(sMin, s); sMax = Math.Max(sMax, s); sSum += s; sSumSq += s * s;
            yMin = Math.Min(yMin, y); yMax = Math.Max(yMax, y);
            if (!indexOk) continue;
            long cell = (long)fi * n + ti;
            if (seen[cell]) duplicates++; else seen[cell] = true;
            mixMin[ti] = Math.Min(mixMin[ti], s);
            mixMax[ti] = Math.Max(mixMax[ti], s);
        }
        int missing = 0;
        foreach (var b in seen) if (!b) missing++;
        double spread = 0;
        for (int t = 0; t < n; t++)
            if (mixMax[t] >= mixMin[t]) spread = Math.Max(spread, mixMax[t] - mixMin[t]);
        double mean = rows == 0 ? double.NaN : sSum / rows;
        double std = rows == 0 ? double.NaN : Math.Sqrt(Math.Max(0, sSumSq / rows - mean * mean));

        var spec = dataset.Spec;
        return new StructureResult
        {
            Dataset = label,
            RowCount = rows,
            ExpectedRowCount = spec is null ? null : spec.FrequencyCount * spec.SampleCount,
            FrequencyCount = k,
            TimeSampleCount = n,
            InvalidOneHotRows = invalidOneHot,
            NonFiniteInputs = nonFiniteInputs,
            NonFiniteTargets = nonFiniteTargets,
            OutOfRangeIndexRows = outOfRange,
            MissingCells = missing,
            DuplicateCells = duplicates,
            MixtureSpreadMax = spread,
            MixtureMin = sMin, MixtureMax = sMax, MixtureMean = mean, MixtureStd = std,
            TargetMin = yMin, TargetMax = yMax,
            RowOrderMatchesDeclared = FollowsOrder(dataset),
            TimeStep = spec is null ? null : 1.0 / spec.SampleRate,
            TimeMax = spec is null ? null : (n - 1) / spec.SampleRate,
            ClockMaxError = spec is null || spec.FrequencyCount != k ? null : ClockMaxError(dataset, spec),
            RegenerationMaxError = spec is null || dataset.Seed is not { } seed || spec.FrequencyCount != k
                ? null : RegenerationMaxError(dataset, spec, seed),
        };
    }

    private static bool FollowsOrder(FrequencyDataset d)
    {
        int k = d.FrequencyCount, rows = d.RowCount;
        if (rows % k != 0) return false;
        int n = rows / k;
        for (int r = 0; r < rows; r++)
        {
            var (i, t) = d.Order == RowOrder.Blocks ? (r / n, r % n) : (r % k, r / k);
            if (d.FrequencyIndex[r] != i || d.TimeIndex[r] != t) return false;
        }
        return true;
    }

    private static double ClockMaxError(FrequencyDataset d, SignalSpec spec)
    {
        double worst = 0;
        for (int r = 0; r < d.RowCount; r++)
        {
            int i = d.FrequencyIndex[r];
            if (i < 0 || i >= spec.FrequencyCount) continue;
            double e = Math.Abs(d.Targets[r] - PerfectClock.Predict(spec, i, d.TimeIndex[r]));
            worst = double.IsNaN(e) ? double.NaN : Math.Max(worst, e);
            if (double.IsNaN(worst)) return worst;
        }
        return worst;
    }

    private static double RegenerationMaxError(FrequencyDataset d, SignalSpec spec, ulong seed)
    {
        var fresh = SignalGenerator.Generate(spec, seed);
        double worst = 0;
        for (int r = 0; r < d.RowCount; r++)
        {
            int i = d.FrequencyIndex[r], t = d.TimeIndex[r];
            if (i < 0 || i >= fresh.FrequencyCount || t < 0 || t >= fresh.SampleCount) return double.PositiveInfinity;
            double e = Math.Max(Math.Abs(d.Inputs[r * d.InputWidth] - fresh.Mixture[t]), Math.Abs(d.Targets[r] - fresh.Targets[i][t]));
            if (double.IsNaN(e)) return double.NaN;
            worst = Math.Max(worst, e);
        }
        return worst;
    }
}
