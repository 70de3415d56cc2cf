namespace FrequencyLab.Validation;

/// <summary>
/// Structural measurements of one dataset (see <see cref="StructureChecks.Measure"/>). Counts of defects are
/// measured, not asserted; <see cref="Problems"/> lists those that break the row contract of
/// <see cref="Data.FrequencyDataset"/> (a row is [S, one-hot], every (frequency, time) cell exactly once, all finite).
/// Fields that need the spec (t grid, clock) or the spec and seed (regeneration) are null without them.
/// </summary>
public sealed record StructureResult
{
    public required string Dataset { get; init; }
    public required int RowCount { get; init; }
    /// <summary>K·N from the spec.</summary>
    public int? ExpectedRowCount { get; init; }
    public required int FrequencyCount { get; init; }
    /// <summary>N recovered from the rows: 1 + the largest time index.</summary>
    public required int TimeSampleCount { get; init; }
    /// <summary>Rows whose selector is not exactly 1 at the row's frequency index and 0 elsewhere.</summary>
    public required int InvalidOneHotRows { get; init; }
    public required int NonFiniteInputs { get; init; }
    public required int NonFiniteTargets { get; init; }
    /// <summary>Rows whose frequency index is outside [0, K) or whose time index is negative.</summary>
    public required int OutOfRangeIndexRows { get; init; }
    /// <summary>(frequency, time) cells of the K × N grid that no row fills.</summary>
    public required int MissingCells { get; init; }
    /// <summary>Rows that fill a cell another row already filled.</summary>
    public required int DuplicateCells { get; init; }
    /// <summary>The largest difference between the S values that rows at the same time index carry (0 when they agree).</summary>
    public required double MixtureSpreadMax { get; init; }
    public required double MixtureMin { get; init; }
    public required double MixtureMax { get; init; }
    public required double MixtureMean { get; init; }
    public required double MixtureStd { get; init; }
    public required double TargetMin { get; init; }
    public required double TargetMax { get; init; }
    /// <summary>True when the rows follow the (frequency, time) sequence of the declared <see cref="Data.RowOrder"/>.</summary>
    public required bool RowOrderMatchesDeclared { get; init; }
    /// <summary>1/fs.</summary>
    public double? TimeStep { get; init; }
    /// <summary>(N−1)/fs, the last grid time.</summary>
    public double? TimeMax { get; init; }
    /// <summary>max |y − sin(2π f_i t)| with t = n/fs over all rows.</summary>
    public double? ClockMaxError { get; init; }
    /// <summary>max |S − S'| and |y − y'| against the series regenerated from the spec and seed.</summary>
    public double? RegenerationMaxError { get; init; }

    /// <summary>One sentence per broken row-contract rule; empty when the rows satisfy it.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var list = new List<string>();
            if (ExpectedRowCount is { } e && e != RowCount) list.Add($"{RowCount} rows where the spec gives {e}");
            if (InvalidOneHotRows > 0) list.Add($"{InvalidOneHotRows} rows with an invalid one-hot selector");
            if (NonFiniteInputs > 0) list.Add($"{NonFiniteInputs} non-finite input values");
            if (NonFiniteTargets > 0) list.Add($"{NonFiniteTargets} non-finite targets");
            if (OutOfRangeIndexRows > 0) list.Add($"{OutOfRangeIndexRows} rows with an out-of-range frequency or time index");
            if (MissingCells > 0) list.Add($"{MissingCells} (frequency, time) cells missing");
            if (DuplicateCells > 0) list.Add($"{DuplicateCells} (frequency, time) cells duplicated");
            if (MixtureSpreadMax > 0) list.Add($"rows at the same time disagree on S by up to {MixtureSpreadMax:G3}");
            return list;
        }
    }
}
