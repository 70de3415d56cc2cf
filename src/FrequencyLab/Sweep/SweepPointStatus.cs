namespace FrequencyLab.Sweep;

/// <summary>Where one grid point stands; names are stable strings in sweep.json.</summary>
public enum SweepPointStatus
{
    /// <summary>Not started (or not reached before a cancellation).</summary>
    Pending,
    Running,
    /// <summary>All epochs ran (this time, or found finished in its folder and skipped).</summary>
    Completed,
    /// <summary>Finished early by its early-stopping rule.</summary>
    EarlyStopping,
    /// <summary>Stopped on a NaN/∞ train loss (a finished outcome, not an error: the grid maps where training diverges).</summary>
    NonFinite,
    /// <summary>Interrupted; its last checkpoint is in its folder and the next sweep run continues it.</summary>
    Cancelled,
    /// <summary>An error (its one-line message is recorded).</summary>
    Failed,
}
