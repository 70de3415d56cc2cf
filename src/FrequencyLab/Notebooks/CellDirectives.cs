using System.Text.RegularExpressions;

namespace FrequencyLab.Notebooks;

/// <summary>A <c>#r "nuget: Id, Version"</c> line (version may be absent).</summary>
public sealed record NugetReference(string Id, string? Version, int Line);

/// <summary>A <c>#r "path.dll"</c> line; the path is as written (relative paths are relative to the notebook).</summary>
public sealed record AssemblyReference(string Path, int Line);

/// <summary>
/// A code cell split into the directives the .NET Interactive kernel understands (#r, #i, #! magics) and the plain C#
/// left for Roslyn. Directive lines become empty lines so compiler positions still match the cell's own line numbers.
/// </summary>
public sealed partial record CellDirectives(
    string Code,
    IReadOnlyList<NugetReference> Packages,
    IReadOnlyList<AssemblyReference> Assemblies,
    bool TimeCell)
{
    /// <summary>Magics that only say which kernel runs the cell; this runner has just the C# one.</summary>
    private static readonly HashSet<string> CSharpKernelMagics = new(StringComparer.OrdinalIgnoreCase) { "#!csharp", "#!c#" };

    /// <summary>Splits <paramref name="source"/>; an unsupported magic or malformed #r is an <see cref="InvalidOperationException"/>.</summary>
    public static CellDirectives Parse(string source)
    {
        var lines = source.Split('\n');
        var packages = new List<NugetReference>();
        var assemblies = new List<AssemblyReference>();
        bool time = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line.Split(' ', 2)[0];
                if (magic.Equals("#!time", StringComparison.OrdinalIgnoreCase)) time = true;
                else if (!CSharpKernelMagics.Contains(magic))
                    throw new InvalidOperationException($"line {i + 1}: magic command {magic} is not supported by the headless runner");
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#r\t", StringComparison.Ordinal))
            {
                var m = QuotedArgument().Match(line);
                if (!m.Success) throw new InvalidOperationException($"line {i + 1}: #r needs a quoted argument: {line}");
                var arg = m.Groups[1].Value;
                if (arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var parts = arg["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
                    if (parts[0].Length == 0 || parts.Length > 2)
                        throw new InvalidOperationException($"line {i + 1}: expected #r \"nuget: Name, Version\": {line}");
                    packages.Add(new NugetReference(parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null, i + 1));
                }
                else assemblies.Add(new AssemblyReference(arg, i + 1));
            }
            else if (line.StartsWith("#i ", StringComparison.Ordinal))
            {
                // A package source: the runner serves packages from its own process, so sources do not matter.
            }
            else continue;
            lines[i] = "";
        }
        return new CellDirectives(string.Join('\n', lines), packages, assemblies, time);
    }

    [GeneratedRegex("^#r\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex QuotedArgument();
}
