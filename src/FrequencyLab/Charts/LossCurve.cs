namespace FrequencyLab.Charts;

/// <summary>One loss curve over epochs.</summary>
/// <param name="Name">Legend entry, e.g. "lr 1e-3 · train (epoch mean)".</param>
/// <param name="Loss">The loss of each epoch, first epoch first.</param>
/// <param name="Epochs">The epoch number of each value; null means 1, 2, 3, …</param>
/// <param name="Dashed">Draw dashed: e.g. the frozen test MSE beside the solid train curve of the same run.</param>
public sealed record LossCurve(string Name, IReadOnlyList<double> Loss, IReadOnlyList<double>? Epochs = null, bool Dashed = false)
{
    /// <summary>The x values: <see cref="Epochs"/> or 1..N.</summary>
    public IReadOnlyList<double> EpochValues() => Epochs ?? Enumerable.Range(1, Loss.Count).Select(e => (double)e).ToArray();
}
