using System.Diagnostics;
using System.Text;

namespace FrequencyLab.Bench;

/// <summary>What a child process left: its exit code and output, or that it ran out of time.</summary>
/// <param name="ExitCode">The exit code (meaningless when <paramref name="TimedOut"/>).</param>
/// <param name="StdOut">Standard output, at most <see cref="ChildProcess.MaxOutputChars"/> characters of it.</param>
/// <param name="StdErr">Standard error, at most <see cref="ChildProcess.MaxOutputChars"/> characters of it.</param>
/// <param name="TimedOut">True when the process (and its children) were killed at the timeout.</param>
/// <param name="OutputTruncated">True when either stream was longer than <see cref="ChildProcess.MaxOutputChars"/>.</param>
public sealed record ChildProcessResult(int ExitCode, string StdOut, string StdErr, bool TimedOut, bool OutputTruncated);

/// <summary>
/// Runs a program bench does not control (a PyTorch script, possibly the user's) so that it cannot hang or flood freqlab:
/// it is killed with its whole process tree at a timeout or on cancellation, and each output stream is kept up to
/// <see cref="MaxOutputChars"/> characters (the rest is read and dropped, so a chatty child never blocks on a full pipe).
/// </summary>
public static class ChildProcess
{
    /// <summary>Characters kept per stream: far more than the one JSON line a bench script prints.</summary>
    public const int MaxOutputChars = 1 << 20;

    /// <exception cref="OperationCanceledException">Cancelled; the process tree has been killed.</exception>
    public static ChildProcessResult Run(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true; // a script that reads stdin sees end of file instead of waiting for a terminal
        start.UseShellExecute = false;
        using var p = Process.Start(start) ?? throw new FrequencyLabException($"could not start {start.FileName}");
        p.StandardInput.Close();
        bool truncated = false;
        var stdout = Drain(p.StandardOutput, () => truncated = true);
        var stderr = Drain(p.StandardError, () => truncated = true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            p.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Kill(p);
            cancellationToken.ThrowIfCancellationRequested();
            return new ChildProcessResult(-1, Finish(stdout), Finish(stderr), TimedOut: true, truncated);
        }
        return new ChildProcessResult(p.ExitCode, Finish(stdout), Finish(stderr), TimedOut: false, truncated);
    }

    private static void Kill(Process p)
    {
        try { p.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it exited meanwhile
        // The pipes close once every process holding them is gone; a grandchild outside the tree could keep them open.
        p.WaitForExit(5000);
    }

    // The output read so far; a stream still held open by an escaped grandchild is not waited for beyond a few seconds.
    private static string Finish(Task<string> reader) => reader.Wait(TimeSpan.FromSeconds(5)) ? reader.Result : "";

    private static async Task<string> Drain(StreamReader reader, Action onTruncated)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            int room = MaxOutputChars - kept.Length;
            if (read > room) onTruncated();
            if (room > 0) kept.Append(buffer, 0, Math.Min(read, room));
        }
        return kept.ToString();
    }
}
