namespace FrequencyLab.Grid;

/// <summary>Progress over a whole grid: the one roll-up every grid (sweep, ledger, learnability matrix) reports.</summary>
/// <param name="RunsDone">Runs finished (including those found finished and reused).</param>
/// <param name="RunsTotal">Runs the grid names.</param>
/// <param name="RunsRunning">Runs holding an engine right now.</param>
/// <param name="RowsDone">Rows processed this session (training rows plus frozen-evaluation rows).</param>
/// <param name="RowsTotal">Rows this session will process when every pending run trains all its epochs.</param>
/// <param name="RowsPerSecond">Rows per wall second this session, over all workers.</param>
/// <param name="Eta">Estimated time to the end (null until there is a rate).</param>
/// <param name="Finished">The run that just finished, when this report is about one (every run of the grid that reads it).</param>
/// <param name="Reused">In the first report only: the runs found finished in the store, which will not be trained.</param>
public sealed record GridProgress(int RunsDone, int RunsTotal, int RunsRunning, long RowsDone, long RowsTotal, double RowsPerSecond,
    TimeSpan? Eta, IReadOnlyList<GridRunResult>? Finished = null, IReadOnlyList<GridRunResult>? Reused = null);
