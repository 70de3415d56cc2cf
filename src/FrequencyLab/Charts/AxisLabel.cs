namespace FrequencyLab.Charts;

/// <summary>An axis title: the quantity and its unit, shown as "quantity (unit)".</summary>
/// <param name="Quantity">What is plotted, e.g. "time t".</param>
/// <param name="Unit">Its unit, e.g. "s"; null for a pure number (a count, a ratio).</param>
public sealed record AxisLabel(string Quantity, string? Unit = null)
{
    public override string ToString() => Unit is null ? Quantity : $"{Quantity} ({Unit})";
}
