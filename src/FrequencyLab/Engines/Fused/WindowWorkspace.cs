namespace FrequencyLab.Engines.Fused;

/// <summary>
/// What the fused engine keeps of a truncated-BPTT window between its forward and its backward: every step's gate
/// activations, tanh(c'), the h and c sequences and dL/d(gates), grown on demand to the longest window seen and reused, so a
/// run allocates nothing per window once its first window has been seen.
/// </summary>
/// <remarks>
/// Scratch only: nothing here outlives one <see cref="FusedEngine.ForwardBackwardWindow"/>, so it is no part of a snapshot.
/// Layout for capacity L (H hidden units), each array row-major:
/// <code>
/// hidden   (L+1, H)  row 0 the carried h, row t+1 the h' of step t
/// cell     (L+1, H)  the same for c
/// gates    (L, 4H)   σ(i), σ(f), tanh(g), σ(o) of each step
/// tanhCell (L, H)    tanh(c') of each step
/// dGates   (L, 4H)   dL/d(gate pre-activations) of each step
/// dOutput  (L)       dL/dŷ of each step
/// ones     (L)       1s: the bias gradients Σ_t dgates_t are 1ᵀ·dGates, one call of the same kernel
/// dHidden, dCell (H) the backward's running dL/dh' and dL/dc'
/// </code>
/// </remarks>
internal sealed class WindowWorkspace(int hidden)
{
    private float[] _hidden = [], _cell = [], _gates = [], _tanhCell = [], _dGates = [], _dOutput = [], _ones = [];
    private readonly float[] _dHidden = new float[hidden], _dCell = new float[hidden];

    /// <summary>The longest window the arrays hold.</summary>
    public int Capacity { get; private set; }

    /// <summary>Makes room for <paramref name="steps"/> steps; allocates only when the window is longer than any before.</summary>
    public void EnsureCapacity(int steps)
    {
        if (steps <= Capacity) return;
        int h = hidden;
        _hidden = new float[(steps + 1) * h];
        _cell = new float[(steps + 1) * h];
        _gates = new float[steps * 4 * h];
        _tanhCell = new float[steps * h];
        _dGates = new float[steps * 4 * h];
        _dOutput = new float[steps];
        _ones = new float[steps];
        _ones.AsSpan().Fill(1f);
        Capacity = steps;
    }

    public Span<float> Hidden(int t) => _hidden.AsSpan(t * hidden, hidden);         // (H) h before step t (t = 0: carried)
    public Span<float> Cell(int t) => _cell.AsSpan(t * hidden, hidden);             // (H) c before step t
    public Span<float> Hiddens(int from, int steps) => _hidden.AsSpan(from * hidden, steps * hidden); // (steps, H)
    public Span<float> Gates(int t) => _gates.AsSpan(t * 4 * hidden, 4 * hidden);   // (4H)
    public Span<float> TanhCell(int t) => _tanhCell.AsSpan(t * hidden, hidden);     // (H)
    public Span<float> DGates(int t) => _dGates.AsSpan(t * 4 * hidden, 4 * hidden); // (4H)
    public Span<float> AllDGates(int steps) => _dGates.AsSpan(0, steps * 4 * hidden); // (steps, 4H)
    public Span<float> DOutput(int steps) => _dOutput.AsSpan(0, steps);             // (steps)
    public ReadOnlySpan<float> Ones(int steps) => _ones.AsSpan(0, steps);           // (steps)
    public Span<float> DHidden => _dHidden;                                         // (H)
    public Span<float> DCell => _dCell;                                             // (H)
}
