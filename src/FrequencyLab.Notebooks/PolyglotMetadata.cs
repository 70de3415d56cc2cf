using System.Text.Json.Nodes;

namespace FrequencyLab.Notebooks;

/// <summary>
/// The metadata shapes VS Code Polyglot Notebooks (dotnet/interactive) writes into an .ipynb for C#:
/// notebook-level kernelspec, language_info and polyglot_notebook kernel info; per code cell both the legacy
/// <c>dotnet_interactive.language</c> and the current <c>polyglot_notebook.kernelName</c> (readers prefer the latter).
/// </summary>
public static class PolyglotMetadata
{
    public const string KernelName = "csharp";
    public const string KernelspecName = ".net-csharp";

    public static JsonObject CSharpNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = KernelspecName },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "10.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = KernelName,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = KernelName }),
            },
        },
    };

    public static JsonObject CSharpCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = KernelName },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = KernelName },
    };

    /// <summary>
    /// The kernel a code cell runs in, read the way dotnet/interactive reads it: polyglot_notebook.kernelName, then
    /// dotnet_interactive.language, then the notebook's default kernel, then "csharp".
    /// </summary>
    public static string CellKernel(NotebookDocument notebook, NotebookCell cell) =>
        (cell.Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (cell.Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>()
        ?? ((notebook.Metadata["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"]?.GetValue<string>()
        ?? KernelName;
}
