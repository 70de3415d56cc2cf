namespace FrequencyLab.Signals;

/// <summary>Which test of numpy's normal ziggurat accepted a draw (exposed to tests to show every branch ran).</summary>
internal enum ZigguratPath
{
    /// <summary>|magnitude| &lt; kᵢ: inside the rectangle under the next layer, accepted with one 64-bit draw.</summary>
    Rectangle,

    /// <summary>Layer i ≥ 1, outside the rectangle: accepted by the wedge test against exp(−x²/2).</summary>
    Wedge,

    /// <summary>Base strip beyond r: accepted from Marsaglia's exponential tail sampler.</summary>
    Tail,
}
