using System.Reflection;
using System.Runtime.Loader;
using FrequencyLab.Charts;
using FrequencyLab.Notebooks;

namespace FrequencyLab.Tests.NotebookContent;

public class FSharpCoreBindingTests
{
    [Fact]
    public void A_request_for_any_FSharp_Core_version_is_answered_with_the_loaded_one()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;
        // The kernel's case turned round: a reference to a version this process does not have.
        var request = new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(loaded, FSharpCoreBinding.Resolve(AssemblyLoadContext.Default, request));
    }

    [Fact]
    public void Other_assemblies_are_not_its_business()
    {
        Assert.Null(FSharpCoreBinding.Resolve(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=6.0.0.0")));
        Assert.Null(FSharpCoreBinding.Loaded([typeof(object).Assembly]));
    }

    [Fact]
    public void The_module_initializer_installed_it_so_a_second_install_is_a_no_op()
    {
        _ = typeof(FSharpCoreBinding).Assembly.GetTypes(); // the library is loaded: its initializer has run
        Assert.False(FSharpCoreBinding.Install());
    }
}
