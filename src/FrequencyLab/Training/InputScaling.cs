namespace FrequencyLab.Training;

/// <summary>What is done to the mixture S before it enters the model.</summary>
public enum InputScaling
{
    /// <summary>S as generated (the report's run).</summary>
    None,
    /// <summary>S standardised with the training rows' mean and standard deviation (<see cref="InputStandardization"/>).</summary>
    Standardize,
}
