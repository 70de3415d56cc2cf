namespace FrequencyLab.Cli;

/// <summary>
/// Notebook cells run as C# inside this process, so a cell that calls <c>Environment.Exit(0)</c> ends freqlab at once,
/// with the cell's exit code and nothing written. The runtime still raises <see cref="AppDomain.ProcessExit"/> on that
/// path, and an exit code set there is the one the process ends with: while armed, this guard turns such an exit into
/// one error line and exit 1 (<see cref="CliRunner.Failed"/>). Disposed when the work returns normally, it changes nothing.
/// </summary>
internal sealed class ProcessExitGuard : IDisposable
{
    private readonly TextWriter _stderr;
    private readonly Func<string> _describe;
    private int _armed = 1;

    /// <param name="stderr">Where the error line goes.</param>
    /// <param name="describe">What was running, asked for when the process is ending (e.g. the notebook's name).</param>
    public ProcessExitGuard(TextWriter stderr, Func<string> describe)
    {
        _stderr = stderr;
        _describe = describe;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 0) return;
        Environment.ExitCode = CliRunner.Failed;
        try
        {
            CliRunner.WriteError(_stderr, $"{_describe()} ended the process (Environment.Exit or a signal) before the run finished; nothing more was written");
            _stderr.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _armed, 0);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }
}
