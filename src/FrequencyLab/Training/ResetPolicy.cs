namespace FrequencyLab.Training;

/// <summary>When the carried LSTM state (h, c) is zeroed during a pass over the rows.</summary>
public enum ResetPolicy
{
    /// <summary>At the start of every epoch (the report's).</summary>
    PerEpoch,
    /// <summary>At every change of frequency between consecutive rows (and at the start of each epoch).</summary>
    PerBlock,
    /// <summary>Only once, before the first epoch: the state flows across epochs.</summary>
    Never,
    /// <summary>Diagnostic: before every row, so the model sees no history at all.</summary>
    Stateless,
}
