namespace FrequencyLab.Notebooks;

/// <summary>
/// The handle <c>display(x)</c> returns, as .NET Interactive's DisplayedValue: <see cref="Update"/> replaces the output in place
/// (a progress cell rewrites its own line instead of adding one per step).
/// </summary>
public sealed class DisplayedValue
{
    private readonly NotebookOutputs _outputs;
    private readonly NotebookOutputs.Slot _slot;

    internal DisplayedValue(NotebookOutputs outputs, NotebookOutputs.Slot slot, IReadOnlyCollection<string> mimeTypes)
    {
        _outputs = outputs;
        _slot = slot;
        MimeTypes = mimeTypes;
        DisplayId = Guid.NewGuid().ToString("N");
    }

    /// <summary>Identifies the output (Jupyter's display_id).</summary>
    public string DisplayId { get; }

    /// <summary>The mime types requested at display time (empty: chosen by the formatter).</summary>
    public IReadOnlyCollection<string> MimeTypes { get; }

    /// <summary>Replaces the displayed output with <paramref name="updatedValue"/>, formatted with the same mime types.</summary>
    public void Update(object? updatedValue) => _outputs.Update(_slot, updatedValue, MimeTypes);
}
