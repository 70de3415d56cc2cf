namespace FrequencyLab.Prediction;

/// <summary>One family's place in the ensemble.</summary>
/// <param name="Name">Family name, e.g. "pow3".</param>
/// <param name="Formula">Its formula in t.</param>
/// <param name="Weight">Share of the ensemble (0 when excluded), from the held-out error.</param>
/// <param name="Parameters">Fitted on the whole curve, by name (empty when the family was not fitted).</param>
/// <param name="HoldoutRmse">RMS of ln(observed/predicted) on the held-out last points, fitted without them (NaN when not scored).</param>
/// <param name="Asymptote">The fitted curve's limit (+∞ when diverging, NaN when not fitted).</param>
/// <param name="Note">Why the family has no weight, when it has none (too few points for its parameters, fit failed).</param>
public sealed record EnsembleMember(string Name, string Formula, double Weight, IReadOnlyDictionary<string, double> Parameters,
    double HoldoutRmse, double Asymptote, string? Note = null);
