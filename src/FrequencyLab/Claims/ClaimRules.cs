using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>
/// The decision rules of the claims ledger: pure functions from measured numbers to a verdict. Training outcomes are judged
/// over at least <see cref="MinSeeds"/> init seeds: a claim is supported when it holds in every seed, contradicted when it
/// holds in none, and inconclusive when the seeds disagree (the min–max interval straddles the threshold) or are too few.
/// </summary>
public static class ClaimRules
{
    /// <summary>Fewest init seeds on which a training outcome is judged.</summary>
    public const int MinSeeds = 3;

    private static string F(double v) => Number.Format(v);

    /// <summary>Every seed / no seed / some seeds: <paramref name="holds"/> per seed, null where the seed cannot decide.</summary>
    public static RuleResult AllOrNone(IReadOnlyList<bool?> holds, string statement, string rule)
    {
        int n = holds.Count, yes = holds.Count(h => h == true), no = holds.Count(h => h == false);
        if (n < MinSeeds) return new(Verdict.Inconclusive, rule, $"only {n} init seed(s) measured; the rule needs at least {MinSeeds}");
        if (yes == n) return new(Verdict.Supported, rule, $"{statement} in all {n} init seeds");
        if (no == n) return new(Verdict.Contradicted, rule, $"{statement} in none of the {n} init seeds");
        int undecided = n - yes - no;
        return new(Verdict.Inconclusive, rule, $"{statement} in {yes} of {n} init seeds" + (undecided > 0 ? $" ({undecided} could not decide)" : ""));
    }

    /// <summary>The claim says the quantity is above (or below) <paramref name="threshold"/> in every seed.</summary>
    public static RuleResult Side(SeedValues values, double threshold, bool claimAbove)
    {
        string side = claimAbove ? "above" : "below";
        string unit = values.Unit.Length == 0 ? "" : values.Unit == "%" ? " %" : " " + values.Unit;
        string rule = $"supported when {values.Name} is {side} {F(threshold)}{unit} in every one of ≥ {MinSeeds} init seeds; contradicted when it is in none; otherwise inconclusive";
        var holds = values.Values.Select(v => double.IsNaN(v) ? (bool?)null : claimAbove ? v > threshold : v < threshold).ToArray();
        return AllOrNone(holds, $"{values.Name} is {side} {F(threshold)}{unit} (median {F(values.Median)}{unit}, range {F(values.Min)}–{F(values.Max)}{unit})", rule);
    }

    /// <summary>The claim says the quantity is close to <paramref name="claimed"/>: within a factor <paramref name="factor"/>.</summary>
    public static RuleResult Near(SeedValues values, double claimed, double factor)
    {
        double lo = claimed / factor, hi = claimed * factor;
        string rule = $"supported when {values.Name} lies in [{F(lo)}, {F(hi)}] (a factor {F(factor)} around the claimed {F(claimed)}) in every one of ≥ {MinSeeds} init seeds; contradicted when in none; otherwise inconclusive";
        var holds = values.Values.Select(v => double.IsNaN(v) ? (bool?)null : v >= lo && v <= hi).ToArray();
        return AllOrNone(holds, $"{values.Name} (median {F(values.Median)}, range {F(values.Min)}–{F(values.Max)}) is within a factor {F(factor)} of {F(claimed)}", rule);
    }

    /// <summary>The claim says the treatment lowers the quantity: baseline − treatment &gt; <paramref name="margin"/>, paired by seed.</summary>
    public static RuleResult PairedImprovement(SeedValues baseline, SeedValues treatment, double margin, string treatmentName)
    {
        string rule = $"supported when {treatmentName} lowers {baseline.Name} by more than {F(margin)} in every one of ≥ {MinSeeds} init seeds (paired by seed); contradicted when it does in none; otherwise inconclusive";
        if (baseline.Count != treatment.Count)
            return new(Verdict.Inconclusive, rule, $"the baseline has {baseline.Count} seeds and {treatmentName} {treatment.Count}; they cannot be paired");
        var deltas = baseline.Values.Zip(treatment.Values, (b, t) => b - t).ToArray();
        var holds = deltas.Select(d => double.IsNaN(d) ? (bool?)null : d > margin).ToArray();
        var d = new SeedValues("improvement", deltas);
        return AllOrNone(holds, $"{treatmentName} lowers {baseline.Name} by more than {F(margin)} (improvement median {F(d.Median)}, range {F(d.Min)}–{F(d.Max)})", rule);
    }

    /// <summary>
    /// A claimed probability of success <paramref name="claimed"/> against <paramref name="successes"/> of
    /// <paramref name="trials"/> independent seeds: contradicted when the count is in a tail the claim gives less than 10 %
    /// (binomial, one-sided on the side observed), supported when it is not and every seed was decided; otherwise inconclusive.
    /// </summary>
    public static RuleResult Probability(double claimed, int successes, int trials, int undecided, string success)
    {
        string rule = $"with k of n ≥ {MinSeeds} init seeds reaching {success}: contradicted when a count as extreme as k has a binomial probability below 10 % under the claimed {F(100 * claimed)} %; supported when every seed is decided and it does not; otherwise inconclusive";
        if (trials < MinSeeds) return new(Verdict.Inconclusive, rule, $"only {trials} init seed(s) measured; the rule needs at least {MinSeeds}");
        if (undecided > 0) return new(Verdict.Inconclusive, rule, $"{undecided} of {trials} init seeds did not run long enough to decide");
        double lower = 0, upper = 0;
        for (int k = 0; k <= trials; k++)
        {
            double pk = Binomial(trials, k) * Math.Pow(claimed, k) * Math.Pow(1 - claimed, trials - k);
            if (k <= successes) lower += pk;
            if (k >= successes) upper += pk;
        }
        double tail = Math.Min(lower, upper);
        var verdict = tail < 0.10 ? Verdict.Contradicted : Verdict.Supported;
        return new(verdict, rule, $"{successes} of {trials} init seeds reach {success}; under the claimed {F(100 * claimed)} % a count this {(lower < upper ? "low" : "high")} has probability {F(tail)}");
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    /// <summary>Swaps supported and contradicted: for claims that say an intervention would NOT help.</summary>
    public static RuleResult Negate(RuleResult r, string rule) => r with
    {
        Verdict = r.Verdict switch { Verdict.Supported => Verdict.Contradicted, Verdict.Contradicted => Verdict.Supported, _ => Verdict.Inconclusive },
        Rule = rule,
    };

    /// <summary>A deterministic count must equal the claimed one.</summary>
    public static RuleResult Exact(long measured, long claimed, string what) =>
        new(measured == claimed ? Verdict.Supported : Verdict.Contradicted,
            $"supported when {what} equals {F(claimed)}; contradicted otherwise",
            $"{what} is {F(measured)}" + (measured == claimed ? ", as claimed" : $", not {F(claimed)}"));

    /// <summary>A deterministic quantity must lie in [lo, hi].</summary>
    public static RuleResult InRange(double measured, double lo, double hi, string what) =>
        new(measured >= lo && measured <= hi ? Verdict.Supported : Verdict.Contradicted,
            $"supported when {what} lies in [{F(lo)}, {F(hi)}]; contradicted otherwise",
            $"{what} is {F(measured)}, " + (measured >= lo && measured <= hi ? "inside" : measured < lo ? "below" : "above") + $" [{F(lo)}, {F(hi)}]");

    /// <summary>A single measurement against a claimed value: supported within a factor <paramref name="supportFactor"/>,
    /// contradicted beyond <paramref name="contradictFactor"/>, inconclusive between (e.g. machine-dependent timings).</summary>
    public static RuleResult WithinFactor(double measured, double claimed, double supportFactor, double contradictFactor, string what)
    {
        string rule = $"supported when {what} is within a factor {F(supportFactor)} of {F(claimed)}; contradicted when off by more than a factor {F(contradictFactor)}; otherwise inconclusive";
        if (!double.IsFinite(measured) || measured <= 0) return new(Verdict.Inconclusive, rule, $"{what} was not measured");
        double factor = Math.Max(measured / claimed, claimed / measured);
        var verdict = factor <= supportFactor ? Verdict.Supported : factor > contradictFactor ? Verdict.Contradicted : Verdict.Inconclusive;
        return new(verdict, rule, $"{what} is {F(measured)}, a factor {F(factor)} from {F(claimed)}");
    }

    /// <summary>The report's per-epoch figures against the seed range of a rerun, widened by <paramref name="widen"/> × median.</summary>
    public static RuleResult TableReproduced(IReadOnlyList<double> reported, IReadOnlyList<SeedValues?> measured, double widen = 0.10, int contradictOutside = 3)
    {
        string rule = $"supported when every reported value lies in the rerun's min–max over ≥ {MinSeeds} init seeds widened by {F(100 * widen)} % of the median; contradicted when at least {contradictOutside} lie outside; otherwise inconclusive";
        int inside = 0, outside = 0, compared = 0;
        for (int i = 0; i < reported.Count; i++)
        {
            if (i >= measured.Count || measured[i] is not { } m || m.Count < MinSeeds || double.IsNaN(m.Median)) continue;
            compared++;
            double pad = widen * Math.Abs(m.Median);
            if (reported[i] >= m.Min - pad && reported[i] <= m.Max + pad) inside++; else outside++;
        }
        string reason = $"{inside} of {reported.Count} reported values lie inside the widened seed range, {outside} outside" + (compared < reported.Count ? $" ({reported.Count - compared} not measured)" : "");
        var verdict = outside >= contradictOutside ? Verdict.Contradicted : inside == reported.Count ? Verdict.Supported : Verdict.Inconclusive;
        return new(verdict, rule, reason);
    }

    /// <summary>A forecast curve: per forecast epoch reached, a hit when every seed is within <paramref name="factor"/>, a
    /// miss when every seed is outside.</summary>
    public static RuleResult Forecast(IReadOnlyList<(int Epoch, double Predicted)> forecast, Func<int, SeedValues?> measuredAt, double factor = 1.5)
    {
        string rule = $"per forecast epoch reached by ≥ {MinSeeds} init seeds: a hit when every seed is within a factor {F(factor)} of the forecast, a miss when every seed is outside; supported when every reached point is a hit and at least half the points are reached; contradicted when at least half the reached points are misses; otherwise inconclusive";
        int reached = 0, hits = 0, misses = 0;
        foreach (var (epoch, predicted) in forecast)
        {
            if (measuredAt(epoch) is not { } m || m.Count < MinSeeds || m.Values.Any(double.IsNaN)) continue;
            reached++;
            var within = m.Values.Select(v => v >= predicted / factor && v <= predicted * factor).ToArray();
            if (within.All(w => w)) hits++;
            else if (within.All(w => !w)) misses++;
        }
        string reason = $"{reached} of {forecast.Count} forecast epochs reached: {hits} hits, {misses} misses, {reached - hits - misses} split between seeds";
        var verdict = reached > 0 && 2 * misses >= reached ? Verdict.Contradicted
            : reached > 0 && hits == reached && 2 * reached >= forecast.Count ? Verdict.Supported : Verdict.Inconclusive;
        return new(verdict, rule, reason);
    }

    /// <summary>Success criteria "at epoch e the loss is below c".</summary>
    public static RuleResult Criteria(IReadOnlyList<(int Epoch, double Below)> criteria, Func<int, SeedValues?> measuredAt)
    {
        string rule = $"a criterion is met when every one of ≥ {MinSeeds} init seeds is below it at its epoch, failed when every seed is at or above; supported when every criterion is reached and met; contradicted when any is failed; otherwise inconclusive";
        int met = 0, failed = 0, reached = 0;
        var failedAt = new List<string>();
        foreach (var (epoch, below) in criteria)
        {
            if (measuredAt(epoch) is not { } m || m.Count < MinSeeds || m.Values.Any(double.IsNaN)) continue;
            reached++;
            if (m.Values.All(v => v < below)) met++;
            else if (m.Values.All(v => v >= below)) { failed++; failedAt.Add($"epoch {epoch} (< {F(below)} wanted, median {F(m.Median)})"); }
        }
        string reason = $"{reached} of {criteria.Count} criteria reached: {met} met, {failed} failed" + (failedAt.Count > 0 ? ": " + string.Join(", ", failedAt) : "");
        var verdict = failed > 0 ? Verdict.Contradicted : met == criteria.Count ? Verdict.Supported : Verdict.Inconclusive;
        return new(verdict, rule, reason);
    }

    /// <summary>One row of an "epochs to reach MSE below x" table.</summary>
    public sealed record TargetRow(double Below, int LastEpoch, double Confidence);

    /// <summary>Per row: met when every seed's curve is below the threshold by the row's last epoch; missed when no seed's
    /// is and every seed ran that far.</summary>
    public static RuleResult EpochsToTarget(IReadOnlyList<TargetRow> rows, IReadOnlyList<IReadOnlyList<double>> curves,
        double supportConfidence = 0.5, double contradictConfidence = 0.75)
    {
        string rule = $"a row is met when every one of ≥ {MinSeeds} init seeds is below its threshold by the row's last epoch, missed when no seed is and every seed ran that far; supported when every row the report gave ≥ {F(100 * supportConfidence)} % is met; contradicted when a row it gave ≥ {F(100 * contradictConfidence)} % is missed; otherwise inconclusive";
        if (curves.Count < MinSeeds) return new(Verdict.Inconclusive, rule, $"only {curves.Count} init seed(s) measured");
        int met = 0, missed = 0, undecided = 0;
        bool confidentMissed = false, allConfidentMet = true;
        foreach (var row in rows)
        {
            var reachedBy = curves.Select(c => c.Take(row.LastEpoch).Any(v => v < row.Below)).ToArray();
            bool ranFarEnough = curves.All(c => c.Count >= row.LastEpoch);
            bool isMet = reachedBy.All(r => r), isMissed = ranFarEnough && reachedBy.All(r => !r);
            if (isMet) met++; else if (isMissed) missed++; else undecided++;
            if (isMissed && row.Confidence >= contradictConfidence) confidentMissed = true;
            if (!isMet && row.Confidence >= supportConfidence) allConfidentMet = false;
        }
        string reason = $"{met} of {rows.Count} rows met, {missed} missed, {undecided} undecided (seeds split or runs too short)";
        var verdict = confidentMissed ? Verdict.Contradicted : allConfidentMet ? Verdict.Supported : Verdict.Inconclusive;
        return new(verdict, rule, reason);
    }

    /// <summary>Early stopping "around epoch lo–hi": per seed the stop epoch (null when it never stopped in the run).</summary>
    public static RuleResult StopWithin(IReadOnlyList<int?> stops, IReadOnlyList<int> epochsRun, int lo, int hi)
    {
        string rule = $"supported when every one of ≥ {MinSeeds} init seeds would stop within epochs {lo}–{hi}; contradicted when every seed stops outside (or never, having run past {hi}); otherwise inconclusive";
        var holds = stops.Select((s, i) => s is { } e ? e >= lo && e <= hi : epochsRun[i] > hi ? false : (bool?)null).ToArray();
        string shown = string.Join(", ", stops.Select((s, i) => s is { } e ? $"{e}" : $"none in {epochsRun[i]}"));
        return AllOrNone(holds, $"the stop epoch (per seed: {shown}) lies in {lo}–{hi}", rule);
    }
}
