namespace FrequencyLab.Notebooks.Scripting;

/// <summary>
/// <c>x.Display()</c> for cells run by the headless runner, which imports this namespace into every cell. Notebooks must not
/// import it themselves: in the real kernel, Microsoft.DotNet.Interactive supplies its own Display() and two would clash.
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Shows <paramref name="value"/> as an output of the running cell and returns the handle for updates.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        (NotebookContext.Current ?? throw new InvalidOperationException("Display() works only inside a notebook cell run by the headless runner"))
        .Display(value, mimeTypes);
}
