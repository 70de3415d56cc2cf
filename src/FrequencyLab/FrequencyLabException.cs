namespace FrequencyLab;

/// <summary>
/// A failure the user can act on: a bad spec, a corrupt file, an impossible config.
/// The message is one line that names the thing at fault and the problem; the CLI prints it as is.
/// </summary>
public class FrequencyLabException : Exception
{
    public FrequencyLabException(string message) : base(message) { }
    public FrequencyLabException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A <see cref="Signals.SignalSpec"/> or other configuration that cannot describe a valid experiment.</summary>
public sealed class InvalidSpecException(string message) : FrequencyLabException(message);

/// <summary>A data file that is missing, truncated, corrupt, or disagrees with its sidecar.</summary>
public sealed class DataFileException(string path, string problem)
    // The path comes from a user or a file: escaped here, once, for every reader's message (escaping is idempotent).
    : FrequencyLabException($"{IO.PrintableText.Whole(path)}: {problem}")
{
    public string FilePath { get; } = path;
    public string Problem { get; } = problem;
}
