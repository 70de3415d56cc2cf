using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests;

public class CliShellTests
{
    [Fact]
    public void Unknown_option_is_one_line_on_stderr_and_exit_2()
    {
        var r = Freqlab.Run("--no-such-flag");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error:", line);
        Assert.Contains("--no-such-flag", line);
    }

    [Fact]
    public void Help_exits_0_and_lists_usage()
    {
        var r = Freqlab.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.StdOut);
    }
}
