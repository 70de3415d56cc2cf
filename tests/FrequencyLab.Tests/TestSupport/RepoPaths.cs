namespace FrequencyLab.Tests.TestSupport;

/// <summary>Locates files in the repository at run time (tests read committed files in place; nothing is copied to bin).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FrequencyNotebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException("FrequencyNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
