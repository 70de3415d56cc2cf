using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace FrequencyLab.Notebooks;

/// <summary>
/// A value injected into a notebook the papermill way (<c>--param name=value</c>). The text is typed as papermill's
/// command line types it: True/False (and C#'s true/false) are booleans, then integers, then floating-point numbers
/// (inf and nan included), anything else a string.
/// </summary>
public sealed record NotebookParameter(string Name, object Value)
{
    /// <summary>The text given on the command line, when the value came from one.</summary>
    public string? Text { get; init; }

    /// <summary>Parses <c>name=value</c>; a bad name or a null value is an <see cref="InvalidSpecException"/>.</summary>
    public static NotebookParameter Parse(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new InvalidSpecException($"parameter '{assignment}': expected name=value");
        var text = assignment[(eq + 1)..];
        return Create(assignment[..eq].Trim(), ResolveType(text)) with { Text = text };
    }

    /// <summary>
    /// The parameters with each name once, as papermill's dict keeps them: a name given again keeps its first position and
    /// takes its last value (<c>-p steps=1 -p steps=10</c> injects <c>steps = 10</c>).
    /// </summary>
    public static IReadOnlyList<NotebookParameter> LastWins(IReadOnlyList<NotebookParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<NotebookParameter>(parameters.Count);
        foreach (var p in parameters)
        {
            if (byName.TryGetValue(p.Name, out int at)) result[at] = p;
            else { byName[p.Name] = result.Count; result.Add(p); }
        }
        return result;
    }

    /// <summary>A parameter with an already typed value (bool, long/int, double or string).</summary>
    public static NotebookParameter Create(string name, object value)
    {
        if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            throw new InvalidSpecException($"parameter '{name}': not a C# variable name");
        return value switch
        {
            bool or int or long or double or float or decimal or string => new NotebookParameter(name, value),
            _ => throw new InvalidSpecException($"parameter '{name}': a {value?.GetType().Name ?? "null"} value has no C# literal here (use a bool, number or string)"),
        };
    }

    /// <summary>
    /// This parameter with its value as the C# type <paramref name="declaredType"/> of the default it replaces (null: keep).
    /// Integers widen to floating point, any value becomes a string; other mismatches are an <see cref="InvalidSpecException"/>.
    /// </summary>
    public NotebookParameter ConvertTo(string? declaredType, string notebookName)
    {
        object? converted = (declaredType, Value) switch
        {
            (null, _) => Value,
            ("double", long or int or double) => Convert.ToDouble(Value, CultureInfo.InvariantCulture),
            ("float", long or int or double) => Convert.ToSingle(Value, CultureInfo.InvariantCulture),
            ("decimal", long or int) => Convert.ToDecimal(Value, CultureInfo.InvariantCulture),
            ("decimal", double d) when double.IsFinite(d) => decimal.Parse(Text?.Trim() ?? d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
            ("int", long l) when l is >= int.MinValue and <= int.MaxValue => (int)l,
            ("long", long or int) => Value,
            ("bool", bool) => Value,
            ("string", string) => Value,
            ("string", _) => Text ?? InvariantText(Value),
            _ => null,
        };
        return converted is not null
            ? this with { Value = converted }
            : throw new InvalidSpecException($"notebook {notebookName}: parameter {Name}={Text ?? InvariantText(Value)} cannot be {declaredType}, the type of its default");
    }

    private static string InvariantText(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>papermill's <c>_resolve_type</c>: "True"/"False" → bool, integer text → long, float text → double, else the text.</summary>
    public static object ResolveType(string text)
    {
        switch (text)
        {
            case "True" or "true": return true;
            case "False" or "false": return false;
            case "None" or "null": throw new InvalidSpecException($"parameter value '{text}': a null has no C# type (papermill's C# translator would write 'var x = null;', which does not compile)");
        }
        var trimmed = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (trimmed.Length > 0 && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (trimmed.Length > 0 && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        switch (trimmed.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
            case "nan" or "+nan" or "-nan": return double.NaN;
        }
        return text;
    }

    /// <summary>The value as a C# literal (papermill's C# translator: ints beyond Int32 get an L suffix).</summary>
    public string ToCSharpLiteral() => Value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l is > int.MaxValue or < int.MinValue ? l.ToString(CultureInfo.InvariantCulture) + "L" : l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => DoubleLiteral(d),
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        _ => throw new InvalidOperationException(Value.GetType().Name),
    };

    /// <summary>The value as JSON, for the notebook's papermill.parameters metadata.</summary>
    public JsonNode? ToJson() => Value switch
    {
        double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        _ => JsonValue.Create((string)Value),
    };

    /// <summary>papermill's injected cell for C#: a "// Parameters" comment, then one <c>var name = value;</c> per parameter.</summary>
    public static string InjectedCellSource(IEnumerable<NotebookParameter> parameters)
    {
        var sb = new StringBuilder("// Parameters\n");
        foreach (var p in parameters) sb.Append("var ").Append(p.Name).Append(" = ").Append(p.ToCSharpLiteral()).Append(";\n");
        return sb.ToString();
    }

    private static string DoubleLiteral(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        // "1" would declare an int; the value was typed as a float, so keep it a double.
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
