using Spectre.Console;

namespace FrequencyLab.Cli;

/// <summary>
/// The one place a verb gets its Spectre.Console console, writing to the invocation's output (tests pass their own writer).
/// Redirected output (files, pipes, tests) has no width of its own and Spectre would assume 80 columns, which wraps the
/// numbers of a table: each console is therefore at least <c>minWidth</c> columns wide wherever it is not a live terminal.
/// </summary>
internal static class VerbConsole
{
    /// <summary>A report printed once, as plain text: no ANSI codes, no colours, no live display; always at least
    /// <paramref name="minWidth"/> columns (diagnose, predict, validate: their output is read by scripts and tests).</summary>
    public static IAnsiConsole Plain(TextWriter output, int minWidth) => Widen(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
    }), minWidth);

    /// <summary>A report printed once, in colour when the output is a terminal, with no live display; always at least
    /// <paramref name="minWidth"/> columns (bench's wide table).</summary>
    public static IAnsiConsole Styled(TextWriter output, int minWidth) => Widen(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.No,
    }), minWidth);

    /// <summary>A console that shows a live progress bar on a terminal and plain log lines elsewhere
    /// (<c>Profile.Capabilities.Interactive</c> tells which); at least <paramref name="minWidth"/> columns when not a
    /// terminal (a terminal keeps its own width).</summary>
    public static IAnsiConsole Live(TextWriter output, int minWidth)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.Detect,
        });
        return console.Profile.Capabilities.Interactive ? console : Widen(console, minWidth);
    }

    private static IAnsiConsole Widen(IAnsiConsole console, int minWidth)
    {
        console.Profile.Width = Math.Max(console.Profile.Width, minWidth);
        return console;
    }
}
