namespace FrequencyLab.Notebooks;

/// <summary>One output of a code cell, as nbformat 4 stores it (<c>output_type</c> stream, display_data, execute_result or error).</summary>
public abstract record CellOutput;

/// <summary>Text a cell wrote to stdout or stderr (<c>output_type: stream</c>).</summary>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    public const string StdOut = "stdout", StdErr = "stderr";
}

/// <summary>
/// A value shown in one or more representations keyed by mime type (<c>display_data</c>), e.g. text/html and text/plain.
/// </summary>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data) : CellOutput;

/// <summary>The value of a cell's last expression (<c>execute_result</c>), carrying the cell's execution count.</summary>
public sealed record ExecuteResultOutput(int ExecutionCount, IReadOnlyDictionary<string, string> Data) : CellOutput;

/// <summary>An exception that stopped a cell (<c>output_type: error</c>): exception name, message and traceback lines.</summary>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput;
