namespace FrequencyLab.Validation;

/// <summary>
/// One tidy row of a <see cref="ValidationReport"/>: one measured <paramref name="Value"/> of one metric, for one dataset
/// and (when per frequency) one frequency, beside a <paramref name="Reference"/> that gives it scale (e.g. 1/√N).
/// </summary>
/// <param name="Section">structure | spectrum | correlation | baselines.</param>
/// <param name="Metric">What is measured, e.g. "amplitude of S at f", "MSE: zero".</param>
/// <param name="Dataset">Which dataset the value is measured on ("train", "test", "train (in-sample)").</param>
/// <param name="FrequencyHz">The frequency the value belongs to; null when it is not per frequency.</param>
/// <param name="Value">The measurement (NaN when it could not be computed).</param>
/// <param name="Reference">A value for scale, or null.</param>
/// <param name="Note">Unit, method or caveat.</param>
public sealed record ValidationRow(string Section, string Metric, string Dataset, double? FrequencyHz, double Value, double? Reference, string Note);
