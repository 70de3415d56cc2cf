namespace FrequencyLab.Notebooks;

/// <summary>
/// The globals every cell sees in the headless runner: what .NET Interactive's C# kernel offers through
/// <c>using static Microsoft.DotNet.Interactive.Kernel</c>. Supplied only here (never by a namespace a notebook imports), so a
/// notebook written against it compiles unchanged in the real kernel, which has its own <c>display</c>.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly NotebookOutputs _outputs;

    internal NotebookGlobals(NotebookOutputs outputs) => _outputs = outputs;

    /// <summary>Shows <paramref name="value"/> as an output of the running cell; with mime types given, in exactly those.</summary>
#pragma warning disable IDE1006 // the kernel's name, lower case
    public DisplayedValue display(object? value, params string[] mimeTypes) => _outputs.Display(value, mimeTypes);
#pragma warning restore IDE1006
}
