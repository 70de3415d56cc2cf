namespace FrequencyLab.Notebooks;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, serialized by a lock. Unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool when there is no synchronization context (as in the notebook
/// runner), no report arrives after the work has returned, so a cell's progress line ends at its final state.
/// </summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) handler(value);
    }
}
