namespace FrequencyLab.Diagnostics;

/// <summary>
/// The project's one <see cref="IProgress{T}"/> adapter: runs its handler on the reporting thread, one report at a time.
/// Unlike <see cref="Progress{T}"/>, which posts to the thread pool when there is no synchronization context (a console
/// verb, the notebook runner), reports arrive in order and none after the work has returned, so a progress line or bar
/// ends at its final state. Use it wherever a lambda should receive progress (verbs, stages, notebooks).
/// </summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    // Sweeps and matrices report from worker threads; one report at a time keeps a display consistent.
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) handler(value);
    }
}
