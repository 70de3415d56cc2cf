using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FrequencyLab.Notebooks;

/// <summary>
/// papermill's parameterization for C# notebooks: the first cell tagged <c>parameters</c> holds defaults; a new cell tagged
/// <c>injected-parameters</c> goes right after it (replacing an earlier injected cell if there is one, or at the top when
/// no cell is tagged), declaring each parameter again so it shadows the default.
/// </summary>
public static class ParameterInjector
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";
    public const string InjectedCellId = "injected-parameters";

    /// <summary>
    /// Injects <paramref name="parameters"/> into <paramref name="notebook"/> (in place) and returns the injected cell.
    /// Two departures from papermill, both so a command line cannot silently change a notebook's meaning: a name the
    /// parameters cell does not declare is an <see cref="InvalidSpecException"/> (papermill only warns), and a value is
    /// written as the declared type of its default (<c>--param lr=1</c> for <c>double lr = 1e-3;</c> injects <c>1.0</c>, not
    /// papermill's int <c>1</c>); a value that cannot be that type is an <see cref="InvalidSpecException"/>.
    /// </summary>
    public static NotebookCell Inject(NotebookDocument notebook, IReadOnlyList<NotebookParameter> parameters, string notebookName)
    {
        int parametersIndex = notebook.Cells.FindIndex(c => c.HasTag(ParametersTag));
        int injectedIndex = notebook.Cells.FindIndex(c => c.HasTag(InjectedTag));
        if (parametersIndex >= 0)
        {
            var declared = DeclaredKinds(notebook.Cells[parametersIndex].Source).Keys.ToHashSet(StringComparer.Ordinal);
            var unknown = parameters.Where(p => !declared.Contains(p.Name)).Select(p => p.Name).ToList();
            if (unknown.Count > 0)
                throw new InvalidSpecException(
                    $"notebook {notebookName}: parameter {string.Join(", ", unknown)} is not declared in the cell tagged parameters (declared: {string.Join(", ", declared.Order(StringComparer.Ordinal))})");
            // The injected cell runs after the parameters cell: a default computed there from a parameter keeps the old value.
            var derived = DerivedFrom(notebook.Cells[parametersIndex].Source, parameters.Select(p => p.Name));
            if (derived.Count > 0)
                throw new InvalidSpecException(
                    $"notebook {notebookName}: the cell tagged parameters computes {string.Join(", ", derived.Select(d => $"{d.Declared} from {d.Uses}"))}, which an injected value cannot reach (papermill injects after that cell): move it to a later cell");
        }
        if (parametersIndex >= 0)
        {
            var declared = DeclaredKinds(notebook.Cells[parametersIndex].Source);
            parameters = parameters.Select(p => p.ConvertTo(declared[p.Name], notebookName)).ToList();
        }
        var cell = NotebookCell.Code(InjectedCellId, NotebookParameter.InjectedCellSource(parameters), InjectedTag);
        if (injectedIndex >= 0) notebook.Cells[injectedIndex] = cell;
        else notebook.Cells.Insert(parametersIndex + 1, cell);
        return cell;
    }

    /// <summary>
    /// The variables a parameters cell declares at top level (<c>var quick = true;</c>, <c>double lr = 1e-3;</c>) with the
    /// C# type of each: the declared type, or for <c>var</c> the type of its literal initializer (null when neither tells).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> DeclaredKinds(string source)
    {
        // Kernel directives (#!magic, #i "nuget: …") are not C#; Roslyn's script parser knows #r itself.
        var code = string.Join('\n', source.Split('\n').Select(l => l.TrimStart().StartsWith("#!", StringComparison.Ordinal) || l.TrimStart().StartsWith("#i ", StringComparison.Ordinal) ? "" : l));
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: Microsoft.CodeAnalysis.SourceCodeKind.Script)).GetRoot();
        var declarations = root.DescendantNodes().OfType<FieldDeclarationSyntax>().Select(f => f.Declaration)
            .Concat(root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>().Select(l => l.Declaration));
        var kinds = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
            foreach (var variable in declaration.Variables)
                kinds[variable.Identifier.ValueText] = declaration.Type is PredefinedTypeSyntax predefined
                    ? predefined.Keyword.ValueText
                    : declaration.Type.IsVar ? LiteralKind(variable.Initializer?.Value) : null;
        return kinds;
    }

    /// <summary>
    /// The declarations of a parameters cell whose initializer mentions one of <paramref name="names"/> (another parameter),
    /// e.g. <c>int epochs = quick ? 3 : 50;</c>: injecting <c>quick</c> after the cell leaves such a value at its default.
    /// </summary>
    public static IReadOnlyList<(string Declared, string Uses)> DerivedFrom(string source, IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var code = string.Join('\n', source.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? "" : l));
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: Microsoft.CodeAnalysis.SourceCodeKind.Script)).GetRoot();
        return root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .Where(v => v.Initializer is not null)
            .SelectMany(v => v.Initializer!.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Select(i => i.Identifier.ValueText)
                .Where(n => wanted.Contains(n) && n != v.Identifier.ValueText)
                .Distinct(StringComparer.Ordinal)
                .Select(n => (v.Identifier.ValueText, n)))
            .ToList();
    }

    private static string? LiteralKind(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.TrueLiteralExpression) || l.IsKind(SyntaxKind.FalseLiteralExpression) => "bool",
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => "string",
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.NumericLiteralExpression) => l.Token.Value switch
        {
            int => "int",
            long => "long",
            double => "double",
            float => "float",
            decimal => "decimal",
            _ => null,
        },
        PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } u => LiteralKind(u.Operand),
        _ => null,
    };
}
