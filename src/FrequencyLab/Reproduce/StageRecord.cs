namespace FrequencyLab.Reproduce;

/// <summary>How a stage ended.</summary>
public enum StageStatus
{
    /// <summary>Did its work this time.</summary>
    Completed,
    /// <summary>Found complete from an earlier invocation with the same inputs; nothing run.</summary>
    Reused,
    /// <summary>Stopped by Ctrl+C; the next invocation continues it.</summary>
    Cancelled,
    /// <summary>Ended with an error (named in <see cref="StageRecord.Message"/>).</summary>
    Failed,
}

/// <summary>One stage's entry in the manifest.</summary>
/// <param name="Name">The stage's name (e.g. "sweep").</param>
/// <param name="Status">How it ended the last time it ran.</param>
/// <param name="Fingerprint">What its inputs were (a hash of its configs): a stage is reused only for the same fingerprint.</param>
/// <param name="Seconds">Wall time of the invocation that did the work (a reused stage keeps the time it took then).</param>
/// <param name="Summary">One line on what it produced, e.g. "16 points, 16 finished".</param>
/// <param name="Message">The error or cancellation, when not completed.</param>
/// <param name="CpuSeconds">CPU time the whole process used meanwhile (all threads: while a stage runs alongside, its CPU is
/// counted in the stages it overlaps too); null in manifests written before it was recorded.</param>
public sealed record StageRecord(string Name, StageStatus Status, string Fingerprint, double Seconds, string Summary, string? Message = null,
    double? CpuSeconds = null)
{
    public bool IsDone => Status is StageStatus.Completed or StageStatus.Reused;
}
