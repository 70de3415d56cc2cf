using System.Runtime.InteropServices;

namespace FrequencyLab.Cli;

/// <summary>
/// Ctrl+C / SIGTERM for long verbs: the first signal cancels <see cref="Token"/> so the work can finish its row, checkpoint
/// and return (exit 130); a second one is left to the runtime and kills the process as usual.
/// </summary>
/// <remarks>The synchronous invocation path of System.CommandLine does not hand the action a token that signals cancel.</remarks>
internal sealed class GracefulInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public GracefulInterrupt(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal or by the outer token.</summary>
    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested) return;
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }
}
