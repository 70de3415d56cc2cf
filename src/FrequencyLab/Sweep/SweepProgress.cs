namespace FrequencyLab.Sweep;

/// <summary>Progress over a whole grid.</summary>
/// <param name="PointsDone">Points finished (including those found finished and skipped).</param>
/// <param name="PointsTotal">Points in the grid.</param>
/// <param name="PointsRunning">Points being trained right now.</param>
/// <param name="RowsDone">Rows processed this session (training rows plus frozen-evaluation rows).</param>
/// <param name="RowsTotal">Rows this session will process when every pending point runs all its epochs.</param>
/// <param name="RowsPerSecond">Rows processed per wall second this session, over all workers.</param>
/// <param name="Eta">Estimated time to the end (null until there is a rate).</param>
/// <param name="Finished">The point that just finished, when this report is about one.</param>
public sealed record SweepProgress(
    int PointsDone, int PointsTotal, int PointsRunning, long RowsDone, long RowsTotal, double RowsPerSecond, TimeSpan? Eta,
    SweepPointResult? Finished = null);
