using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>
/// What makes two training configs the same run, up to its length. Training is deterministic, so a run of N epochs is the
/// first N epochs of the same config run longer — as long as nothing in the run depends on its epoch budget: a constant
/// learning rate, a warm-up of a fixed number of epochs, ReduceLROnPlateau and early stopping all decide from the epochs so
/// far, never from how many are planned. The key is therefore the config without its epoch count (and without its
/// checkpoint interval, which changes no number); a config whose schedule is defined over the total epochs
/// (<see cref="DependsOnEpochBudget"/>) keeps its epoch count in the key.
/// </summary>
public static class RunKey
{
    /// <summary>The key: the config's canonical JSON (as config.json stores it), the epoch count left out where it may be.</summary>
    public static string Of(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // How often extra checkpoints are kept changes no number of the run: runs that differ only there are one run.
        var canonical = config with { CheckpointEvery = 0 };
        return HistoryJson.Serialize(DependsOnEpochBudget(config) ? canonical : canonical with { Epochs = 1 });
    }

    /// <summary>Whether anything in the run is defined over its total epochs, so that a shorter run is not the start of a
    /// longer one (<see cref="TrainingConfig.DependsOnEpochBudget"/>: a cosine or one-cycle schedule; warm-up, plateau and
    /// early stopping look only backwards).</summary>
    public static bool DependsOnEpochBudget(TrainingConfig config) => config.DependsOnEpochBudget;

    /// <summary>Whether a stored history holds the whole run of <paramref name="epochs"/> epochs: it trained that far, or it
    /// stopped by itself before (early stopping, divergence), which is that run's ending too.</summary>
    public static bool Covers(TrainingHistory? stored, int epochs) => stored is not null
        && (stored.Epochs.Count >= epochs || stored.Stop is StopReason.EarlyStopping or StopReason.NonFinite);

    /// <summary>The first N (<paramref name="config"/>'s epochs) epochs of a stored run of the same key, as the run of that length records
    /// them: its config says N (<paramref name="config"/>'s epochs); it completed when the stored run went past them, and otherwise stopped
    /// as the stored run did (early stopping, divergence, or not yet trained that far).</summary>
    public static TrainingHistory Prefix(TrainingHistory stored, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(config);
        int epochs = config.Epochs, have = stored.Epochs.Count;
        var asRequested = stored.Config with { Epochs = epochs };
        // It stopped by itself at or before epoch N (early stopping, divergence): that is the N-epoch run's ending too.
        if (have <= epochs && stored.Stop is StopReason.EarlyStopping or StopReason.NonFinite)
            return stored with { Config = asRequested };
        // Not trained that far yet: what there is, not finished.
        if (have < epochs)
            return stored with { Config = asRequested, Stop = stored.Stop == StopReason.Completed ? StopReason.Running : stored.Stop };
        return stored with { Config = asRequested, Epochs = stored.Epochs.Take(epochs).ToArray(), Stop = StopReason.Completed, StopMessage = null };
    }
}
