using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace FrequencyLab.Charts;

/// <summary>
/// Lets Plotly.NET run in a host that already loaded an older FSharp.Core, as the .NET Interactive kernel does.
/// </summary>
/// <remarks>
/// <para>The kernel (VS Code's Polyglot Notebooks, dotnet-interactive 1.0.712001, dotnet-repl 0.3.259) loads FSharp.Core
/// 10.0.0.0 at start, for its F# kernel and package manager. Plotly.NET 6.0.0, Plotly.NET.CSharp 0.14.0 and DynamicObj 8.0.0
/// reference FSharp.Core 10.1.0.0, and NuGet will not resolve them against less (NU1109: Plotly.NET needs FSharp.Core
/// &gt;= 10.1.403). The default load context cannot load a second FSharp.Core beside the first, so without help every chart
/// cell throws <c>FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'</c>.</para>
/// <para>The binding failure raises <see cref="AssemblyLoadContext.Resolving"/>; this handler answers a request for
/// FSharp.Core with the FSharp.Core the process already loaded, whatever its version. It is the same redirect a binding
/// redirect in .NET Framework made: one FSharp.Core per process. It runs only when the runtime could not bind by itself,
/// so in a process whose FSharp.Core is new enough (the <c>freqlab</c> tool, the tests) it is never called.</para>
/// <para><b>Limitation:</b> in the kernel, Plotly.NET then runs on FSharp.Core 10.0. Everything our charts use exists
/// there (measured: every notebook runs with every chart drawn), but a Plotly.NET code path calling an API added in
/// FSharp.Core 10.1 would throw <see cref="MissingMethodException"/> at that call.</para>
/// <para>It is installed by the library's module initializer, so it exists before any chart type is touched, whichever
/// FrequencyLab type a notebook uses first (a value reaches the kernel's formatters only after FrequencyLab code made it).</para>
/// </remarks>
public static class FSharpCoreBinding
{
    public const string AssemblyName = "FSharp.Core";

    private static int _installed;

    /// <summary>Installs the handler on the default load context once per process; returns whether this call installed it.</summary>
    public static bool Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return false;
        AssemblyLoadContext.Default.Resolving += Resolve;
        return true;
    }

    /// <summary>The loaded FSharp.Core when <paramref name="name"/> asks for FSharp.Core; null (not mine to answer) otherwise.</summary>
    internal static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        string.Equals(name.Name, AssemblyName, StringComparison.OrdinalIgnoreCase) ? Loaded(context.Assemblies) : null;

    /// <summary>The newest FSharp.Core among <paramref name="assemblies"/>, or null.</summary>
    internal static Assembly? Loaded(IEnumerable<Assembly> assemblies) =>
        assemblies.Where(a => string.Equals(a.GetName().Name, AssemblyName, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();

#pragma warning disable CA2255 // A library module initializer is deliberate: the handler must exist before any Plotly.NET type loads.
    [ModuleInitializer]
    internal static void InstallOnLoad() => Install();
#pragma warning restore CA2255
}
