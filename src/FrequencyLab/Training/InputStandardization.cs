namespace FrequencyLab.Training;

/// <summary>
/// Standardisation of the mixture S (input column 0) with statistics of the training rows only: S' = (S − mean)/std, for the
/// training and the test rows alike, so nothing of the test set leaks into the model. The one-hot selectors are left as they
/// are (they are indicators, not measurements). The numbers are recorded in history.json (<see cref="TrainingHistory.InputScale"/>)
/// so that a resume or an evaluation of the weights scales with the very same numbers.
/// </summary>
/// <param name="Mean">Mean of S over the training rows (as float32 values, summed in double).</param>
/// <param name="Std">Population standard deviation (ddof = 0, as numpy's std and scikit-learn's StandardScaler) of S over
/// the training rows; 1 when S is constant there (nothing to scale, as StandardScaler does).</param>
public sealed record InputStandardization(double Mean, double Std)
{
    /// <summary>The statistics of S over <paramref name="train"/>.</summary>
    public static InputStandardization Fit(TrainingRows train)
    {
        ArgumentNullException.ThrowIfNull(train);
        double sum = 0;
        for (int r = 0; r < train.Count; r++) sum += train.Inputs[r * train.Width];
        double mean = sum / train.Count, squares = 0;
        for (int r = 0; r < train.Count; r++)
        {
            double d = train.Inputs[r * train.Width] - mean;
            squares += d * d;
        }
        double std = Math.Sqrt(squares / train.Count);
        return new InputStandardization(mean, std > 0 ? std : 1.0);
    }

    /// <summary><paramref name="rows"/> with S replaced by (float)((S − mean)/std), computed in double.</summary>
    public TrainingRows Apply(TrainingRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inputs = rows.Inputs.ToArray();
        for (int r = 0; r < rows.Count; r++) inputs[r * rows.Width] = (float)((inputs[r * rows.Width] - Mean) / Std);
        return rows.WithInputs(inputs);
    }

    /// <summary>Both sets scaled with these statistics.</summary>
    public TrainingData Apply(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TrainingData(Apply(data.Train), Apply(data.Test));
    }

    /// <summary>Throws <see cref="InvalidSpecException"/> unless these are finite numbers with a positive std (a hand-edited file).</summary>
    public InputStandardization Validate()
    {
        if (!double.IsFinite(Mean) || !(Std > 0) || !double.IsFinite(Std))
            throw new InvalidSpecException($"invalid input standardisation: mean {Mean}, std {Std} (needs a finite mean and a positive std)");
        return this;
    }
}
