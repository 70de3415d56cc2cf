namespace FrequencyLab.Charts;

/// <summary>One cloud of points, e.g. the predictions of one frequency against its targets.</summary>
public sealed record ScatterSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
