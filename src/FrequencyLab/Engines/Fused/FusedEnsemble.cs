using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// K independent L=1 models — each its own weights, optimizer state, carried state and learning rate — stepped over the
/// same rows, split across worker threads: the engine under a learning-rate × seed sweep.
/// </summary>
/// <remarks>
/// Each member is a <see cref="FusedEngine"/> and runs the same kernels in the same order, so its numbers are bit-identical
/// to running it alone, whatever the worker count. Work is split by member, not by row: one member's whole state
/// (parameters, gradients and two moments, 4·P floats ≈ 292 KB for the report's model) stays in one core's L2 cache while it
/// runs through a block of rows, whereas interleaving K members row by row would stream K·292 KB through the cache every
/// row. Members are handed to workers dynamically (<see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>),
/// so uneven K still keeps every core busy.
/// </remarks>
public sealed class FusedEnsemble : IDisposable
{
    private readonly FusedEngine[] _members;

    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }

    /// <summary>How many threads step members at once.</summary>
    public int Workers { get; }

    public IReadOnlyList<FusedEngine> Members => _members;
    public int Count => _members.Length;

    /// <param name="shape">The model every member has.</param>
    /// <param name="optimizer">The optimizer every member has (learning rates differ per call, per member).</param>
    /// <param name="initialParameters">One weight vector per member, <see cref="ParameterLayout"/> order.</param>
    /// <param name="workers">Threads to use; default one per core.</param>
    /// <param name="options">Engine settings for every member.</param>
    public FusedEnsemble(ModelShape shape, OptimizerSettings optimizer, IReadOnlyList<float[]> initialParameters, int? workers = null,
        FusedEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(initialParameters);
        if (initialParameters.Count == 0) throw new ArgumentException("an ensemble needs at least one member", nameof(initialParameters));
        int w = workers ?? Environment.ProcessorCount;
        if (w < 1) throw new ArgumentOutOfRangeException(nameof(workers), w, "need at least one worker");
        Shape = shape;
        Optimizer = optimizer;
        Workers = w;
        _members = [.. initialParameters.Select(p => new FusedEngine(shape, optimizer, p, options))];
    }

    /// <summary>
    /// One pass of every member over the rows: per row ForwardBackward (loss scale 1/<paramref name="accumulate"/>), and every
    /// <paramref name="accumulate"/> rows OptimizerStep at the member's learning rate with <paramref name="maxGradNorm"/>.
    /// Carried state continues from where each member stopped (reset it between calls as the schedule requires).
    /// </summary>
    /// <param name="inputs">Row-major rows × <see cref="ModelShape.InputSize"/> floats.</param>
    /// <param name="targets">One target per row.</param>
    /// <param name="learningRates">One learning rate per member.</param>
    /// <param name="maxGradNorm">Clip threshold for every member (+∞: no clipping).</param>
    /// <param name="stepLosses">Optional (K, rows) row-major output: member k's loss on row r at [k·rows + r].</param>
    /// <param name="accumulate">Rows per optimizer step (gradient accumulation).</param>
    /// <param name="cancellationToken">Checked every 1,024 rows.</param>
    /// <returns>Per member, the mean of its step losses over these rows (the report's epoch loss).</returns>
    public double[] Train(float[] inputs, float[] targets, IReadOnlyList<float> learningRates, float maxGradNorm,
        float[]? stepLosses = null, int accumulate = 1, CancellationToken cancellationToken = default)
    {
        int rows = CheckRows(inputs, targets);
        ArgumentNullException.ThrowIfNull(learningRates);
        if (learningRates.Count != Count) throw new ArgumentException($"expected {Count} learning rates, got {learningRates.Count}", nameof(learningRates));
        if (accumulate < 1) throw new ArgumentOutOfRangeException(nameof(accumulate), accumulate, "must be at least 1");
        if (stepLosses is not null && stepLosses.Length != Count * rows)
            throw new ArgumentException($"stepLosses must hold {Count} × {rows} floats", nameof(stepLosses));
        var means = new double[Count];
        float scale = 1f / accumulate;
        int width = Shape.InputSize;
        ForEachMember(cancellationToken, k =>
        {
            var engine = _members[k];
            float lr = learningRates[k];
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                if ((r & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                float loss = engine.ForwardBackward(inputs.AsSpan(r * width, width), targets[r], scale);
                if ((r + 1) % accumulate == 0) engine.OptimizerStep(lr, maxGradNorm);
                sum += loss;
                if (stepLosses is not null) stepLosses[k * rows + r] = loss;
            }
            means[k] = rows == 0 ? double.NaN : sum / rows;
        });
        return means;
    }

    /// <summary>A frozen, stateful pass of every member over the rows with its evaluation state (zeroed first when
    /// <paramref name="resetState"/>): per member the mean squared error, and optionally every prediction.</summary>
    /// <param name="inputs">Row-major rows × <see cref="ModelShape.InputSize"/> floats.</param>
    /// <param name="targets">One target per row.</param>
    /// <param name="resetState">Zero each member's evaluation state before the pass.</param>
    /// <param name="predictions">Optional (K, rows) row-major output of ŷ.</param>
    /// <param name="cancellationToken">Checked every 1,024 rows.</param>
    public double[] Evaluate(float[] inputs, float[] targets, bool resetState = true, float[]? predictions = null,
        CancellationToken cancellationToken = default)
    {
        int rows = CheckRows(inputs, targets);
        if (predictions is not null && predictions.Length != Count * rows)
            throw new ArgumentException($"predictions must hold {Count} × {rows} floats", nameof(predictions));
        var mse = new double[Count];
        int width = Shape.InputSize;
        ForEachMember(cancellationToken, k =>
        {
            var engine = _members[k];
            if (resetState) engine.ResetEvalState();
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                if ((r & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                float y = engine.Predict(inputs.AsSpan(r * width, width));
                double e = y - targets[r];
                sum += e * e;
                if (predictions is not null) predictions[k * rows + r] = y;
            }
            mse[k] = rows == 0 ? double.NaN : sum / rows;
        });
        return mse;
    }

    /// <summary>Zero every member's carried training state.</summary>
    public void ResetTrainState()
    {
        foreach (var m in _members) m.ResetTrainState();
    }

    public void Dispose()
    {
        foreach (var m in _members) m.Dispose();
    }

    private void ForEachMember(CancellationToken cancellationToken, Action<int> body)
    {
        if (Workers == 1 || Count == 1)
        {
            for (int k = 0; k < Count; k++) body(k);
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken };
        Parallel.For(0, Count, options, body);
    }

    private int CheckRows(float[] inputs, float[] targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Length != targets.Length * Shape.InputSize)
            throw new ArgumentException($"inputs hold {inputs.Length} floats, expected {targets.Length} rows × {Shape.InputSize}", nameof(inputs));
        return targets.Length;
    }
}
