using FrequencyLab.Cli;

namespace FrequencyLab.Tests.TestSupport;

/// <summary>The result of one in-process <c>freqlab</c> invocation.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The stderr text as lines (the contract for failures is exactly one line).</summary>
    public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>freqlab</c> in-process through the same entry point as the executable.</summary>
public static class Freqlab
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliRunner.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
