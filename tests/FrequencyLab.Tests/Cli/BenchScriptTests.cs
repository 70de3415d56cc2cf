using FrequencyLab.Bench;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Cli;

/// <summary>
/// <c>bench --pytorch-script</c> runs a program freqlab does not control: real tiny Python scripts that print the wrong thing,
/// never finish or leave a child behind give one error line and exit 1, and nothing of theirs outlives bench.
/// </summary>
public class BenchScriptTests
{
    private static CliResult Bench(TempDir dir, string script, params string[] extra)
    {
        var path = dir.File($"{Guid.NewGuid():N}.py");
        File.WriteAllText(path, script);
        return Freqlab.Run(["bench", "--only", "pytorch", "--steps", "10", "--warmup-seconds", "0", "--pytorch-script", path, .. extra]);
    }

    [Theory]
    [InlineData("print('hello')", "printed \"hello\", not the bench result")]
    [InlineData("pass", "printed nothing, not the bench result")]
    [InlineData("print('[1, 2]')", "printed a JSON array")]
    [InlineData("print('{\"torch\": 1}')", "printed \"torch\" as number (expected string)")]
    [InlineData("print('{\"torch\": \"2.0\", \"threads\": 1, \"steps\": 10, \"seconds\": -1, \"cpu_seconds\": 1, \"peak_rss_bytes\": 1}')", "\"seconds\": -1 (expected a positive number)")]
    [InlineData("print('{\"torch\": \"2.0\", \"threads\": 1.5}')", "\"threads\": 1.5 (expected an integer ≥ 1)")]
    [InlineData("import sys\nsys.stdout.write('\\x1b]0;pwned\\x07\\n')", "printed \"\\e]0;pwned\\a\"")]
    public void A_script_that_prints_anything_else_is_one_error_line(string script, string expected)
    {
        using var dir = new TempDir();
        var r = Bench(dir, script);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error: ", line);
        Assert.Contains(expected, line);
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void A_script_that_never_exits_is_killed_with_its_children_at_the_timeout()
    {
        using var dir = new TempDir();
        var pidFile = dir.File("child.pid");
        // The script starts a grandchild that would outlive it, records its pid, then hangs.
        var r = Bench(dir, $"import subprocess, time\np = subprocess.Popen(['sleep', '600'])\nopen({Py(pidFile)}, 'w').write(str(p.pid))\ntime.sleep(600)\n",
            "--pytorch-timeout", "2");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.Contains("no result after 2 s; killed it and its child processes", line);
        int child = int.Parse(File.ReadAllText(pidFile));
        Assert.False(Alive(child), $"grandchild {child} outlived bench");
    }

    [Fact]
    public void A_script_that_floods_its_output_keeps_a_bounded_part_of_it()
    {
        using var dir = new TempDir();
        var r = Bench(dir, "import sys\nfor _ in range(3000): sys.stdout.write('x' * 1000 + '\\n')\n");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"printed more than {ChildProcess.MaxOutputChars:N0} characters", Assert.Single(r.ErrorLines));
    }

    private static string Py(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    // Gone, or a zombie waiting for init to reap it (it no longer runs).
    private static bool Alive(int pid)
    {
        for (int i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return false;
            try
            {
                var fields = File.ReadAllText(stat);
                if (fields[(fields.LastIndexOf(')') + 2)..].StartsWith('Z')) return false;
            }
            catch (IOException) { return false; }
            Thread.Sleep(100); // the kill is asynchronous: give the kernel a moment to end it
        }
        return true;
    }
}
