using System.Reflection;
using System.Xml.Linq;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

public class PinnedPackagesTests
{
    [Fact]
    public void Every_runner_package_is_pinned_at_the_same_version_in_Directory_Packages_props()
    {
        var props = XDocument.Load(RepoPaths.Combine("Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        foreach (var package in PinnedPackages.All)
        {
            Assert.True(pinned.TryGetValue(package.Id, out var version), $"{package.Id} is not in Directory.Packages.props");
            Assert.Equal(version, package.Version);
        }
    }

    [Fact]
    public void Every_assembly_a_package_names_loads_in_this_process()
    {
        foreach (var name in PinnedPackages.All.SelectMany(p => p.Assemblies).Distinct())
            Assert.Equal(name, Assembly.Load(new AssemblyName(name)).GetName().Name);
    }
}
