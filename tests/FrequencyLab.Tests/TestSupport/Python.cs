using System.Diagnostics;

namespace FrequencyLab.Tests.TestSupport;

/// <summary>
/// Runs a Python script with Debian's interpreter, where python3-numpy and python3-torch install (scripts/setup.sh).
/// A failing script fails the test with its stderr.
/// </summary>
public static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Run(string scriptPath, params string[] args)
    {
        var psi = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(scriptPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Interpreter);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException($"{scriptPath} did not finish in 5 minutes"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{scriptPath} exited {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
