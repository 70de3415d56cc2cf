using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>One named run of a grid after <see cref="GridRunner.Run"/>.</summary>
/// <param name="Run">The run as the grid named it.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="History">Its history, the first <c>Run.Config.Epochs</c> epochs of the stored run (<see cref="RunKey.Prefix"/>);
/// null when it never started or failed before its first record.</param>
/// <param name="Folder">The run folder in the store that holds it (maybe longer, maybe named by another stage); null in memory.</param>
/// <param name="Message">One line: the stop message or the error.</param>
/// <param name="Reused">Found finished in the store and not trained again.</param>
/// <param name="StoredEpochs">Epochs of the stored run this one reads (maybe more than its own); 0 without a history.</param>
public sealed record GridRunResult(GridRun Run, SweepPointStatus Status, TrainingHistory? History, string? Folder, string? Message, bool Reused = false,
    int StoredEpochs = 0)
{
    /// <summary>The checkpoint holding this run's weights at its last epoch: last.safetensors when the stored run ends there,
    /// otherwise the epoch checkpoint the store kept for it; null when there is none (in memory, or not kept).</summary>
    public string? FinalCheckpoint
    {
        get
        {
            if (Folder is null || History is not { Epochs.Count: > 0 } h) return null;
            var dir = Path.Combine(Folder, "checkpoints");
            var epoch = Path.Combine(dir, $"epoch-{h.Epochs.Count:D4}.safetensors");
            if (File.Exists(epoch)) return epoch;
            // last.safetensors is this run's end only when the stored run ends where this one does.
            var last = Path.Combine(dir, "last.safetensors");
            return StoredEpochs == h.Epochs.Count && File.Exists(last) ? last : null;
        }
    }

    /// <summary>The grid status of a run that stopped for <paramref name="stop"/>.</summary>
    public static SweepPointStatus StatusOf(StopReason stop) => stop switch
    {
        StopReason.Completed => SweepPointStatus.Completed,
        StopReason.EarlyStopping => SweepPointStatus.EarlyStopping,
        StopReason.NonFinite => SweepPointStatus.NonFinite,
        _ => SweepPointStatus.Cancelled,
    };
}
