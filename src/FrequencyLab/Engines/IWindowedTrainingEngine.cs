namespace FrequencyLab.Engines;

/// <summary>
/// An engine that can also train by truncated backpropagation through time (TBPTT): several consecutive rows forwarded with
/// the carried (h, c), one loss over them, one backward through all of them.
/// </summary>
/// <remarks>
/// This is what a trainer that detaches the state after every row (<see cref="ITrainingEngine.ForwardBackward"/>) cannot do:
/// there the gradient of a row's loss stops at that row's input state, so nothing credits the state for what it carries —
/// the memory that would have to act as a clock in the per-sample task. Over a window of L rows the gradient of row r's loss
/// reaches back to the window's first row.
/// </remarks>
public interface IWindowedTrainingEngine : ITrainingEngine
{
    /// <summary>Forward the <c>targets.Length</c> rows of <paramref name="inputs"/> (row-major, <see cref="Model.ModelShape.InputSize"/>
    /// floats per row) starting from the carried training (h, c); loss = mean over the window of (ŷ_r − y_r)²; add dloss/dθ,
    /// back-propagated through every step of the window, into the gradients; then carry the window's last (h, c) forward
    /// detached (the window's edge is where the truncation happens).</summary>
    /// <param name="inputs">The window's rows, row-major.</param>
    /// <param name="targets">One target per row; its length is the window's length.</param>
    /// <param name="losses">Receives each row's unscaled (ŷ_r − y_r)², as computed before any update.</param>
    void ForwardBackwardWindow(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> losses);
}
