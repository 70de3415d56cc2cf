using System.Reflection;
using System.Runtime.CompilerServices;
using FrequencyLab.Charts;
using Plotly.NET;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Makes charts and other <see cref="IHtmlDisplayable"/> values display as HTML in the .NET Interactive kernel
/// (VS Code Polyglot Notebooks), where Plotly.NET.Interactive is not available and a chart would otherwise print as text.
/// </summary>
/// <remarks>
/// The library does not reference the kernel: <c>Microsoft.DotNet.Interactive.Formatting.Formatter</c> is looked up by
/// reflection among the loaded assemblies, and its overload <c>Register(Type, Action&lt;object, TextWriter&gt;, string mimeType
/// [, bool addToDefaults])</c>, present from the early kernels to the current ones, receives a text/html formatter for
/// <see cref="IHtmlDisplayable"/>, for Plotly.NET's <see cref="GenericChart"/> and for Microsoft.Data.Analysis's DataFrame (head and tail rows, <see cref="DataFrameHtml"/>). The first chart written after a call
/// (a <see cref="ChartView"/> or a <see cref="GenericChart"/>; prose and tables need none) carries plotly.js inline (<see cref="Charts.PlotlyJs.InlineScript"/>), so the notebook page loads it once with no network;
/// later fragments use it. Where no kernel is loaded (the headless runner, a console, tests) this does nothing.
/// </remarks>
public static class KernelFormatting
{
    /// <summary>The kernel's formatter type, looked up by name.</summary>
    public const string FormatterTypeName = "Microsoft.DotNet.Interactive.Formatting.Formatter";
    public const string HtmlMimeType = "text/html";

    /// <summary>
    /// Registers the formatters when the .NET Interactive kernel is loaded in this process; returns whether it was.
    /// Call it once in a notebook's first cell; calling it again registers afresh (harmless: the newest formatter wins).
    /// </summary>
    public static bool Register()
    {
        // Before anything below names a Plotly.NET type (normally done already by the module initializer).
        FSharpCoreBinding.Install();
        return Register(AppDomain.CurrentDomain.GetAssemblies(), FormatterTypeName);
    }

    /// <summary>Registers with the static <paramref name="formatterTypeName"/> class found in <paramref name="assemblies"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // compiled (and GenericChart bound) only after the FSharp.Core binding is installed
    internal static bool Register(IEnumerable<Assembly> assemblies, string formatterTypeName)
    {
        var formatterType = FindType(assemblies, formatterTypeName);
        if (formatterType is null) return false;
        var register = FindRegisterMethod(formatterType)
            ?? throw new FrequencyLabException($"{formatterTypeName} in {formatterType.Assembly.GetName()} has no Register(Type, Action<object, TextWriter>, string) overload: this kernel version is not supported");

        var page = new PlotlyOnPage();
        Invoke(register, typeof(IHtmlDisplayable), (value, writer) =>
        {
            // Only charts need plotly.js; prose and tables before the first chart stay light.
            if (value is ChartView) page.WriteChart(writer, ((ChartView)value).ToHtml());
            else writer.Write(((IHtmlDisplayable)value).ToHtml());
        });
        Invoke(register, typeof(GenericChart), (value, writer) => page.WriteChart(writer, new ChartView((GenericChart)value, "").ToHtml()));
        // A notebook that did not #r Microsoft.Data.Analysis has no DataFrame to show; its formatter is then not needed.
        try { RegisterDataFrame(register); }
        catch (FileNotFoundException) { }
        return true;
    }

    /// <summary>Most rows a DataFrame shows at each end of its table.</summary>
    public const int DataFrameEdgeRows = 20;

    [MethodImpl(MethodImplOptions.NoInlining)] // binds Microsoft.Data.Analysis only when called
    private static void RegisterDataFrame(MethodInfo register) =>
        Invoke(register, typeof(Microsoft.Data.Analysis.DataFrame),
            (value, writer) => writer.Write(DataFrameHtml.Render((Microsoft.Data.Analysis.DataFrame)value, DataFrameEdgeRows)));

    /// <summary>The type named <paramref name="fullName"/> in the first of <paramref name="assemblies"/> that defines it.</summary>
    internal static Type? FindType(IEnumerable<Assembly> assemblies, string fullName)
    {
        foreach (var assembly in assemblies)
        {
            if (assembly.IsDynamic) continue;
            Type? type;
            // A half-loadable assembly (missing dependency) is not where the kernel lives; skip it rather than fail the notebook.
            try { type = assembly.GetType(fullName, throwOnError: false); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException) { continue; }
            if (type is not null) return type;
        }
        return null;
    }

    /// <summary>
    /// The public static non-generic <c>Register(Type, Action&lt;object, TextWriter&gt;, string, …)</c> of <paramref name="formatterType"/>
    /// whose parameters after the third all have defaults; null when there is none.
    /// </summary>
    internal static MethodInfo? FindRegisterMethod(Type formatterType) =>
        formatterType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == "Register" && !m.IsGenericMethodDefinition)
            .Select(m => (Method: m, Parameters: m.GetParameters()))
            .Where(c => c.Parameters.Length >= 3
                && c.Parameters[0].ParameterType == typeof(Type)
                && c.Parameters[1].ParameterType == typeof(Action<object, TextWriter>)
                && c.Parameters[2].ParameterType == typeof(string)
                && c.Parameters.Skip(3).All(p => p.HasDefaultValue))
            .OrderBy(c => c.Parameters.Length)
            .Select(c => c.Method)
            .FirstOrDefault();

    private static void Invoke(MethodInfo register, Type type, Action<object, TextWriter> format)
    {
        var parameters = register.GetParameters();
        var args = new object?[parameters.Length];
        args[0] = type;
        args[1] = format;
        args[2] = HtmlMimeType;
        for (int i = 3; i < parameters.Length; i++) args[i] = parameters[i].DefaultValue;
        register.Invoke(null, args);
    }

    /// <summary>Writes plotly.js before the first chart of one registration, and only chart fragments after it.</summary>
    private sealed class PlotlyOnPage
    {
        private int _written;

        public void WriteChart(TextWriter writer, string fragment)
        {
            if (Interlocked.Exchange(ref _written, 1) == 0) writer.Write(Charts.PlotlyJs.InlineScript());
            writer.Write(fragment);
        }
    }
}
