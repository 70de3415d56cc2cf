using System.Diagnostics;

namespace FrequencyLab.Tests.TestSupport;

/// <summary>The result of one dotnet-repl process.</summary>
public sealed record ReplResult(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed);

/// <summary>
/// Runs dotnet-repl 0.3.259 (pinned in .config/dotnet-tools.json) as a separate process: a client of the .NET Interactive
/// kernel independent of our runner, hosting the same kernel build as VS Code's Polyglot Notebooks.
/// </summary>
public static class DotnetRepl
{
    private static readonly Lazy<string> Restored = new(() =>
    {
        // Idempotent and quick once the tools are in the NuGet cache (scripts/setup.sh has normally done it).
        var restore = Run(RepoPaths.Root, TimeSpan.FromMinutes(5), "tool", "restore");
        return restore.ExitCode == 0 ? "" : throw new InvalidOperationException($"dotnet tool restore failed: {restore.StdErr}{restore.StdOut}");
    });

    /// <summary>
    /// Executes <paramref name="notebookPath"/> to <paramref name="outputPath"/> (ipynb) with the kernel's current directory
    /// <paramref name="workingDirectory"/>, which is what relative <c>#r</c> paths resolve against (VS Code: the notebook's folder).
    /// </summary>
    public static ReplResult RunNotebook(string notebookPath, string outputPath, string workingDirectory, TimeSpan timeout)
    {
        _ = Restored.Value;
        return Run(workingDirectory, timeout, "tool", "run", "dotnet-repl", "--run", notebookPath, "--exit-after-run",
            "--output-format", "ipynb", "--output-path", outputPath);
    }

    private static ReplResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} ran longer than {timeout}");
        }
        process.WaitForExit();
        return new ReplResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
