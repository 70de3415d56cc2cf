using System.Text;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Routes Console.Out and Console.Error: text written by a running cell becomes a stream output of that cell; text written
/// by anything else goes where it went before. Installed once per process, because the console is one per process.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        Console.SetOut(new RoutingWriter(Console.Out, StreamOutput.StdOut));
        Console.SetError(new RoutingWriter(Console.Error, StreamOutput.StdErr));
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInstalled() => _ = Installed.Value;

    private sealed class RoutingWriter(TextWriter fallback, string stream) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value)
        {
            if (NotebookContext.Current is { } outputs && outputs.IsCapturing) outputs.Write(stream, value.ToString());
            else fallback.Write(value);
        }

        public override void Write(string? value)
        {
            if (NotebookContext.Current is { } outputs && outputs.IsCapturing) outputs.Write(stream, value ?? "");
            else fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush() => fallback.Flush();
    }
}
