using FrequencyLab.IO;
using System.CommandLine;
using System.Reflection;

namespace FrequencyLab.Cli;

/// <summary>
/// The one place where exit codes and error lines are decided: 0 on success, 1 for a failure the user can act on
/// (one line on stderr, naming the problem), 2 for a command line that does not parse.
/// </summary>
public static class CliRunner
{
    public const int Ok = 0, Failed = 1, BadUsage = 2, Cancelled = 130;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("freqlab: reproduce and test the Phase 3 L=1 LSTM training report.");
        var verbs = typeof(CliRunner).Assembly.GetTypes()
            .Where(t => typeof(IVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IVerb)Activator.CreateInstance(t)!)
            .Select(v => v.Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in verbs) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing output to the given writers (tests pass their own).</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Prefer the error that names what the user typed: once verbs exist, "Required command was not provided" comes first.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal)))
                ?? parse.Errors[0];
            // One line, always: some System.CommandLine messages list alternatives on separate lines.
            var message = string.Join(' ', error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            WriteError(stderr, message);
            return BadUsage;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (Exception e) when (Unwrap(e) is FrequencyLabException fe)
        {
            WriteError(stderr, fe.Message);
            return Failed;
        }
        catch (Exception e) when (Unwrap(e) is OperationCanceledException)
        {
            stderr.WriteLine("freqlab: cancelled");
            return Cancelled;
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            WriteError(stderr, Unwrap(e).Message);
            return Failed;
        }
    }

    /// <summary>
    /// The one error line: <c>freqlab: error: MESSAGE</c>, with every control character of the message escaped
    /// (<see cref="IO.PrintableText.Whole"/>): messages quote file content and command-line tokens, which must neither split the
    /// line nor reach the terminal as escape sequences. Verbs that report a failure themselves write it through here.
    /// </summary>
    public static void WriteError(TextWriter stderr, string message) => stderr.WriteLine($"freqlab: error: {PrintableText.Whole(message)}");

    /// <summary>The cancellation line, <c>freqlab: cancelled: WHAT</c>, escaped like <see cref="WriteError"/>.</summary>
    public static void WriteCancelled(TextWriter stderr, string message) => stderr.WriteLine($"freqlab: cancelled: {PrintableText.Whole(message)}");

    private static Exception Unwrap(Exception e) =>
        e is TargetInvocationException or AggregateException && e.InnerException is not null ? Unwrap(e.InnerException) : e;
}
