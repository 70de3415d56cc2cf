using FrequencyLab.Engines;

namespace FrequencyLab.Training;

/// <summary>
/// One run in progress, advanced by its caller a block of rows at a time (<see cref="StatefulTrainer.Start"/>,
/// <see cref="StatefulTrainer.StartResume"/>). A pause is only a return to the caller between two rows: the run makes the
/// same calls in the same order as when trained straight through, so its history, checkpoints and weights are bit-identical
/// to the run trained alone. That is what lets <see cref="BatchedTrainer"/> step several runs over the same rows in turn.
/// </summary>
/// <remarks>Owns the engine; dispose it when done (a finished session keeps its final weights until then).</remarks>
public sealed class TrainingSession : IDisposable
{
    private readonly ITrainingEngine? _engine;
    private readonly IEnumerator<TrainingHistory?>? _steps;
    private readonly EngineSnapshot? _final;
    private TrainingHistory? _history;

    internal TrainingSession(ITrainingEngine engine, IEnumerable<TrainingHistory?> steps)
    {
        _engine = engine;
        _steps = steps.GetEnumerator();
    }

    private TrainingSession(TrainingHistory history, EngineSnapshot final)
    {
        _history = history;
        _final = final;
    }

    /// <summary>A run with nothing left to train (a resume of a finished, early-stopped or diverged run).</summary>
    internal static TrainingSession Finished(TrainingHistory history, EngineSnapshot final) => new(history, final);

    /// <summary>Whether the run has ended (completed, stopped early, diverged or cancelled).</summary>
    public bool IsFinished => _history is not null;

    /// <summary>The run's history once it has ended.</summary>
    /// <exception cref="InvalidOperationException">The run is still going.</exception>
    public TrainingHistory History => _history ?? throw new InvalidOperationException("the run has not finished");

    /// <summary>Trains up to the next pause point: <see cref="StatefulTrainer.ReportEvery"/> training rows, or one frozen
    /// pass. Returns false once the run has ended.</summary>
    public bool Advance()
    {
        if (_history is not null) return false;
        while (_steps!.MoveNext())
        {
            if (_steps.Current is { } done)
            {
                _history = done;
                return false;
            }
            return true;
        }
        throw new InvalidOperationException("the run ended without a history");
    }

    /// <summary>Trains to the end.</summary>
    public TrainingHistory RunToEnd()
    {
        while (Advance()) { }
        return History;
    }

    /// <summary>The engine's state now (the final weights once finished).</summary>
    public EngineSnapshot Snapshot() => _engine?.Snapshot() ?? _final!;

    public void Dispose()
    {
        _steps?.Dispose();
        _engine?.Dispose();
    }
}
