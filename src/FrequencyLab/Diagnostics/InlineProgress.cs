namespace FrequencyLab.Diagnostics;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool, so
/// a notebook's in-place display could be updated out of order or after its cell ended).
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        // Sweeps report from worker threads; one report at a time keeps the display consistent.
        lock (_gate) report(value);
    }
}
