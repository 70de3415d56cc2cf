namespace FrequencyLab.Charts;

/// <summary>
/// Names the formatter source that shows a type in the .NET Interactive kernel (VS Code's Polyglot Notebooks, dotnet-repl,
/// the headless runner), so that a FrequencyLab value displays as HTML as soon as FrequencyLab.dll is loaded: no
/// registration call in the notebook.
/// </summary>
/// <remarks>
/// The kernel's <c>Formatter</c>, the first time it formats a type, looks for an attribute whose type is <em>named</em>
/// <c>TypeFormatterSourceAttribute</c> and reads its <see cref="FormatterSourceType"/>: its own attribute, or one like this
/// with the same shape (dotnet/interactive, Formatter.TryRegisterFromConventionBasedFormatterSources). The source is created
/// with its parameterless constructor; its <c>CreateTypeFormatters()</c> returns objects with a <c>MimeType</c>, a
/// <c>bool Format(object, TextWriter)</c> and optionally a <c>Type</c> (else the attributed type). Matching by name keeps the
/// library free of any reference to the kernel's packages. The kernel reads attributes of the value's own class (and its
/// base classes), not of its interfaces: each displayable class carries the attribute.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;
}
