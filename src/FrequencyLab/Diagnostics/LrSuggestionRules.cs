namespace FrequencyLab.Diagnostics;

/// <summary>
/// The suggestion rules of fastai (<c>fastai/callback/schedule.py</c>: steep, valley, minimum) and Lightning
/// (<c>lightning/pytorch/tuner/lr_finder.py</c>: <c>_LRFinder.suggestion</c>), on the recorded (lr, smoothed loss) pairs.
/// </summary>
/// <remarks>
/// fastai first drops the first num_it//10 and the last 5 records and cuts at the first NaN; steep, valley and minimum
/// then see only that window (<see cref="FastaiWindow"/>). Lightning drops the first 10 and the last 1, keeps the finite
/// losses, and takes the argmin of <c>torch.gradient(losses, spacing=[lrs])</c>: the derivative with respect to the
/// learning rate itself (not its log), with second-order central differences inside and one-sided ones at the ends.
/// </remarks>
public static class LrSuggestionRules
{
    /// <summary>fastai's window: [steps//10, count − 5), cut before the first NaN. Returns (first index, length).</summary>
    public static (int Start, int Length) FastaiWindow(IReadOnlyList<double> losses, int steps)
    {
        int start = steps / 10, end = losses.Count - 5;
        if (end <= start) return (start, 0);
        int length = end - start;
        for (int i = start; i < end; i++)
            if (double.IsNaN(losses[i])) { length = i - start; break; }
        return (start, length);
    }

    /// <summary>fastai's steep: argmin over i of (L[i+1] − L[i]) / (ln lr[i+1] − ln lr[i]); suggests lr[i] (the left point).</summary>
    public static int? Steep(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        if (losses.Count < 2) return null;
        int best = 0;
        double bestGrad = double.PositiveInfinity;
        for (int i = 0; i + 1 < losses.Count; i++)
        {
            double g = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            // torch.argmin returns the first minimum; a NaN gradient never wins here (fastai cut NaN losses before).
            if (g < bestGrad) { bestGrad = g; best = i; }
        }
        return best;
    }

    /// <summary>
    /// fastai's valley (by ESRI): the longest strictly decreasing subsequence of the losses (lds[i] = length of the
    /// longest decreasing run ending at i), then the index max_start + ⌊(max_end − max_start)/3⌋ + ⌊(max_end − max_start)/6⌋,
    /// "roughly 2/3 through the longest valley". Reproduced with fastai's bookkeeping, including that max_start is
    /// max_end − lds[max_end] (one before the valley's first point).
    /// </summary>
    public static int? Valley(IReadOnlyList<double> losses)
    {
        int n = losses.Count;
        if (n == 0) return null;
        int maxStart = 0, maxEnd = 0;
        var lds = Enumerable.Repeat(1, n).ToArray();
        for (int i = 1; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        double sections = (maxEnd - maxStart) / 3.0;
        // Python's int() truncates toward zero; the values are non-negative.
        return maxStart + (int)sections + (int)(sections / 2);
    }

    /// <summary>fastai's minimum: the index of the lowest loss (the suggestion is a tenth of its lr).</summary>
    public static int? Minimum(IReadOnlyList<double> losses)
    {
        if (losses.Count == 0) return null;
        int best = 0;
        for (int i = 1; i < losses.Count; i++) if (losses[i] < losses[best]) best = i;
        return best;
    }

    /// <summary>
    /// Lightning's suggestion: skip <paramref name="skipBegin"/> and <paramref name="skipEnd"/> records, keep finite losses,
    /// argmin of torch.gradient(losses, spacing=[lrs]). Returns the index in the full record, null with fewer than 2 points.
    /// </summary>
    public static int? Lightning(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, int skipBegin = 10, int skipEnd = 1)
    {
        var idx = Enumerable.Range(skipBegin, Math.Max(0, losses.Count - skipEnd - skipBegin)).Where(i => double.IsFinite(losses[i])).ToArray();
        if (idx.Length < 2) return null;
        var x = idx.Select(i => lrs[i]).ToArray();
        var y = idx.Select(i => losses[i]).ToArray();
        var g = Gradient(y, x);
        int best = 0;
        for (int i = 1; i < g.Length; i++) if (g[i] < g[best]) best = i;
        return idx[best];
    }

    /// <summary>
    /// torch.gradient(y, spacing=[x]) with edge_order 1: (y1 − y0)/(x1 − x0) at the first point, the mirror at the last,
    /// and inside, with h_l = x_i − x_{i−1}, h_r = x_{i+1} − x_i:
    /// (h_l² y_{i+1} − h_r² y_{i−1} + (h_r² − h_l²) y_i) / (h_l h_r (h_l + h_r)).
    /// </summary>
    public static double[] Gradient(IReadOnlyList<double> y, IReadOnlyList<double> x)
    {
        int n = y.Count;
        var g = new double[n];
        if (n < 2) return g;
        g[0] = (y[1] - y[0]) / (x[1] - x[0]);
        g[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
        for (int i = 1; i < n - 1; i++)
        {
            double hl = x[i] - x[i - 1], hr = x[i + 1] - x[i];
            g[i] = (hl * hl * y[i + 1] - hr * hr * y[i - 1] + (hr * hr - hl * hl) * y[i]) / (hl * hr * (hl + hr));
        }
        return g;
    }

    /// <summary>All four suggestions on a recorded test, indices in the full record.</summary>
    public static IReadOnlyList<LrSuggestion> All(IReadOnlyList<double> lrs, IReadOnlyList<double> smoothed, int steps)
    {
        var (start, length) = FastaiWindow(smoothed, steps);
        var wLrs = Enumerable.Range(start, length).Select(i => lrs[i]).ToArray();
        var wLoss = Enumerable.Range(start, length).Select(i => smoothed[i]).ToArray();
        LrSuggestion Make(string method, int? index, double factor = 1) => index is { } i
            ? new LrSuggestion(method, lrs[i] * factor, i, smoothed[i])
            : new LrSuggestion(method, double.NaN, null, double.NaN);
        return
        [
            Make("steep", Steep(wLrs, wLoss) is { } s ? start + s : null),
            Make("valley", length > 0 && Valley(wLoss) is { } v ? start + v : null),
            Make("minimum", Minimum(wLoss) is { } m ? start + m : null, 0.1),
            Make("lightning", Lightning(lrs, smoothed)),
        ];
    }
}
