namespace FrequencyLab.Grid.Cluster;

/// <summary>Where one task of a cluster grid stands.</summary>
public enum GridTaskState
{
    /// <summary>Not started (or waiting in the queue).</summary>
    Pending,
    /// <summary>Training now.</summary>
    Running,
    /// <summary>Every run of the task finished.</summary>
    Done,
    /// <summary>A run failed, or the task stopped without finishing and is not queued again.</summary>
    Failed,
    /// <summary>Stopped by a signal (scancel, preemption, time limit) after checkpointing; the same task continues it.</summary>
    Interrupted,
}
