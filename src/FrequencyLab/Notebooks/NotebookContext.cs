namespace FrequencyLab.Notebooks;

/// <summary>
/// The notebook run the current code belongs to. It flows with the execution context (AsyncLocal), so <c>x.Display()</c>
/// and console output reach the right notebook even when several notebooks run at once in one process (as in the tests).
/// </summary>
internal static class NotebookContext
{
    // AsyncLocal rather than a plain static: each run sets its own value, which flows into the cell's tasks and threads only.
    private static readonly AsyncLocal<NotebookOutputs?> CurrentOutputs = new();

    public static NotebookOutputs? Current => CurrentOutputs.Value;

    public static void Enter(NotebookOutputs outputs) => CurrentOutputs.Value = outputs;
}
