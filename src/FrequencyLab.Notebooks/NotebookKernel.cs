using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace FrequencyLab.Notebooks;

/// <summary>
/// The .NET Interactive kernel that <see cref="NotebookRunner"/> hosts in-process: a <see cref="CompositeKernel"/> whose
/// default (and only) subkernel is the C# kernel VS Code's Polyglot Notebooks and dotnet-repl run, with <c>#r "nuget: …"</c>,
/// the kernel helpers (<c>display</c>, <c>HTML</c>, …), <c>#!who</c> and value sharing — the set dotnet-repl 0.3.259 gives its
/// C# kernel. Package 1.0.0-beta.26120.1 is the build the dotnet-interactive 1.0.712001 tool ships (docs/notebooks.md).
/// </summary>
public static class NotebookKernel
{
    /// <summary>The kernel name a notebook's polyglot metadata gives its C# cells.</summary>
    public const string CSharp = "csharp";

    /// <summary>A fresh kernel: no state, no references beyond the C# kernel's defaults. Dispose it after the run.</summary>
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            // #r "nuget: Id, Version" restores through NuGet (as in VS Code) and adds the package's assemblies to the submission.
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel { DefaultKernelName = CSharp };
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = CSharp;
        return composite;
    }
}
