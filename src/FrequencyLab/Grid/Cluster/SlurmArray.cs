using System.Globalization;

namespace FrequencyLab.Grid.Cluster;

/// <summary>
/// The indices of a Slurm job array, as sbatch's <c>--array</c> spells them: a comma list of indices and ranges, a range
/// with an optional step, and an optional <c>%K</c> (elements running at once) at the end — "0-11%3", "4", "1,3,5-7",
/// "0-15:4". Kept as its ranges, so a spec never becomes a list of millions of numbers.
/// </summary>
public sealed class SlurmArray
{
    /// <summary>Far longer than any spec a grid needs; a longer one is refused rather than parsed.</summary>
    public const int MaxLength = 4096;

    private readonly (int First, int Last, int Step)[] _ranges;

    /// <summary>The spec as given.</summary>
    public string Spec { get; }

    private SlurmArray(string spec, (int, int, int)[] ranges) => (Spec, _ranges) = (spec, ranges);

    /// <summary>True when the array has element <paramref name="index"/>.</summary>
    public bool Covers(int index) =>
        _ranges.Any(r => index >= r.First && index <= r.Last && (index - r.First) % r.Step == 0);

    /// <summary>The array's indices below <paramref name="count"/> (the grid's tasks), ascending, each once.</summary>
    public IEnumerable<int> IndicesBelow(int count) => Enumerable.Range(0, Math.Max(0, count)).Where(Covers);

    /// <summary>Parses <paramref name="spec"/>; null with <paramref name="problem"/> when it is not a Slurm array spec.</summary>
    public static SlurmArray? TryParse(string spec, out string problem)
    {
        ArgumentNullException.ThrowIfNull(spec);
        problem = "";
        if (spec.Length == 0 || spec.Length > MaxLength) { problem = spec.Length == 0 ? "empty" : $"longer than {MaxLength} characters"; return null; }
        var body = spec;
        int percent = spec.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            // %K only limits how many run at once; it must be a positive count.
            if (!TryIndex(spec[(percent + 1)..], out int k) || k < 1) { problem = "%K must be a positive count"; return null; }
            body = spec[..percent];
        }
        var ranges = new List<(int, int, int)>();
        foreach (var item in body.Split(','))
        {
            var (range, stepText) = item.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (item[..colon], item[(colon + 1)..]) : (item, null);
            int step = 1;
            if (stepText is not null && (!TryIndex(stepText, out step) || step < 1)) { problem = $"'{item}': the step must be a positive count"; return null; }
            var bounds = range.Split('-');
            if (bounds.Length > 2 || !TryIndex(bounds[0], out int first)) { problem = $"'{item}' is not an index or a range N-M"; return null; }
            int last = first;
            if (bounds.Length == 2 && !TryIndex(bounds[1], out last)) { problem = $"'{item}' is not an index or a range N-M"; return null; }
            if (last < first) { problem = $"'{item}': the range ends before it starts"; return null; }
            if (stepText is not null && bounds.Length == 1) { problem = $"'{item}': a step needs a range N-M:S"; return null; }
            ranges.Add((first, last, step));
        }
        return new SlurmArray(spec, [.. ranges]);
    }

    /// <summary>Parses <paramref name="spec"/>.</summary>
    /// <exception cref="FrequencyLabException">Not a Slurm array spec (one line).</exception>
    public static SlurmArray Parse(string spec) =>
        TryParse(spec, out var problem) ?? throw new FrequencyLabException($"'{IO.JsonFile.Printable(spec)}' is not a Slurm array spec (e.g. 0-11%3, 4, 1,3,5-7): {problem}");

    public static bool IsSpec(string spec) => TryParse(spec, out _) is not null;

    /// <summary>The whole array of a grid's script: one element per task, at most <paramref name="maxParallel"/> at once.</summary>
    public static string ForTasks(int tasks, int? maxParallel) =>
        string.Create(CultureInfo.InvariantCulture, $"0-{tasks - 1}{(maxParallel is { } k ? $"%{k}" : "")}");

    // Plain decimal digits only (no sign, blanks or exponent), within int.
    private static bool TryIndex(string s, out int value)
    {
        value = 0;
        return s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public override string ToString() => Spec;
}
