using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace FrequencyLab.Notebooks;

/// <summary>
/// What the cells of one notebook compile against: the .NET shared framework, plus the assemblies that #r lines bring in.
/// Every #r resolves to an assembly this process already has loaded (the library and its pinned packages), so a type a cell
/// gets from the library is the very type the runner's formatters know; no second copy is ever loaded.
/// </summary>
internal sealed class ScriptReferences
{
    private readonly string _notebookDirectory;
    private readonly Dictionary<string, MetadataReference> _added = new(StringComparer.OrdinalIgnoreCase);

    public ScriptReferences(string notebookDirectory)
    {
        _notebookDirectory = notebookDirectory;
        Loader = new InteractiveAssemblyLoader();
        Framework = FrameworkReferences();
        // Cells see the runner's globals (display), so they must compile against the assembly that defines them: the library.
        // A notebook that forgets its #r of the library therefore still compiles here; the notebooks-folder test checks the #r.
        Add(typeof(NotebookGlobals).Assembly);
    }

    /// <summary>Hands the cells' compiled code the already loaded assemblies.</summary>
    public InteractiveAssemblyLoader Loader { get; }

    public IReadOnlyList<MetadataReference> Framework { get; }

    /// <summary>References added by #r so far.</summary>
    public IEnumerable<MetadataReference> Added => _added.Values;

    /// <summary>Adds the assemblies of a pinned package; a package the runner does not serve, or another version, is an error.</summary>
    public void AddPackage(NugetReference package)
    {
        var pinned = PinnedPackages.Find(package.Id)
            ?? throw new InvalidOperationException(
                $"#r \"nuget: {package.Id}\": package {package.Id} is not one of the runner's packages ({string.Join(", ", PinnedPackages.All.Select(p => p.Id))})");
        if (package.Version is not null && package.Version != pinned.Version)
            throw new InvalidOperationException(
                $"#r \"nuget: {package.Id}, {package.Version}\": package {pinned.Id} is pinned at {pinned.Version}, not {package.Version}");
        foreach (var name in pinned.Assemblies)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(name));
            }
            catch (FileNotFoundException)
            {
                throw new InvalidOperationException($"#r \"nuget: {package.Id}\": assembly {name} of package {pinned.Id} is not available to the runner");
            }
            Add(assembly);
        }
    }

    /// <summary>
    /// Adds a #r "path.dll": the path is resolved against the notebook's folder and must exist; if this process already has an
    /// assembly of that name loaded (the library), the loaded one is referenced instead of the file.
    /// </summary>
    public void AddAssembly(AssemblyReference reference)
    {
        var path = Path.GetFullPath(Path.Combine(_notebookDirectory, reference.Path));
        if (!File.Exists(path))
            throw new FileNotFoundException($"#r \"{reference.Path}\": file not found ({path}); build the library first (dotnet build -c Release)", path);
        var name = AssemblyName.GetAssemblyName(path).Name;
        var assembly = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => !a.IsDynamic && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
            ?? Assembly.LoadFrom(path);
        Add(assembly);
    }

    private void Add(Assembly assembly)
    {
        if (_added.ContainsKey(assembly.Location)) return;
        _added[assembly.Location] = MetadataReference.CreateFromFile(assembly.Location);
        Loader.RegisterDependency(assembly);
    }

    private static List<MetadataReference> FrameworkReferences()
    {
        // Only the shared framework: package assemblies that happen to be on the host's probing list must come in through #r,
        // as they do in the real kernel, or a notebook could forget its #r here and fail in VS Code.
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return tpa
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(IsManaged)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
