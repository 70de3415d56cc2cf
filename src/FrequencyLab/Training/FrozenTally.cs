namespace FrequencyLab.Training;

/// <summary>The running sums of one frozen pass: (ŷ − y)² in float32 as MSELoss computes it, summed in double, overall and
/// per frequency; and when the pass zeroes its evaluation state.</summary>
internal sealed class FrozenTally(int frequencies)
{
    private readonly double[] _sums = new double[frequencies];
    private readonly long[] _counts = new long[frequencies];
    private double _total;
    private long _rows;

    public void Add(int frequency, float predicted, float target)
    {
        float error = predicted - target;
        float squared = error * error;
        _total += squared;
        _sums[frequency] += squared;
        _counts[frequency]++;
        _rows++;
    }

    public FrozenEvaluation ToEvaluation() =>
        new(_total / _rows, _sums.Select((s, i) => _counts[i] == 0 ? double.NaN : s / _counts[i]).ToArray());

    /// <summary>Whether the evaluation state is zeroed before <paramref name="row"/>, as training resets its state (the pass
    /// starts from zero, so row 0 needs nothing).</summary>
    public static bool ResetsBefore(ResetPolicy policy, ReadOnlySpan<int> frequencyIndex, int row) =>
        row > 0 && (policy == ResetPolicy.Stateless || (policy == ResetPolicy.PerBlock && frequencyIndex[row] != frequencyIndex[row - 1]));
}
