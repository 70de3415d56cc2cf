namespace FrequencyLab.Reproduce;

/// <summary>
/// The output-folder rule of <c>freqlab reproduce</c>: it writes only into a folder that does not exist, an empty folder,
/// or a folder that already holds a study of the same profile and engine (which it continues). It never deletes anything;
/// every file it writes is written atomically.
/// </summary>
public static class StudyFolder
{
    /// <summary>Checks <paramref name="options"/>' folder and returns the manifest to continue from (a fresh one for a new
    /// folder). Throws <see cref="FrequencyLabException"/> with one line, before anything is written, for a foreign folder.</summary>
    public static ReproduceManifest Open(ReproduceOptions options)
    {
        var root = Path.GetFullPath(options.OutputDirectory);
        var layout = new ReproduceLayout(root);
        var fresh = new ReproduceManifest { Profile = options.Profile.Name, Engine = options.Engine };
        if (File.Exists(root)) throw new FrequencyLabException($"reproduce: {root} is a file, not a folder");
        if (!Directory.Exists(root) || !Directory.EnumerateFileSystemEntries(root).Any()) return fresh;
        if (!File.Exists(layout.Manifest))
            throw new FrequencyLabException($"reproduce: {root} holds other files and no {ReproduceManifest.FileName}; choose an empty or new --out folder");
        ReproduceManifest existing;
        try { existing = ReproduceManifest.Read(layout.Manifest); }
        catch (DataFileException e)
        {
            throw new FrequencyLabException($"reproduce: {e.FilePath} is not a freqlab reproduce manifest ({e.Problem}); choose another --out folder");
        }
        if (existing.Version != ReproduceManifest.CurrentVersion)
            throw new FrequencyLabException($"reproduce: {root} was made by manifest version {existing.Version}, this freqlab writes {ReproduceManifest.CurrentVersion}; choose another --out folder");
        if (existing.Profile != options.Profile.Name)
            throw new FrequencyLabException($"reproduce: {root} holds a {existing.Profile} study; this is a {options.Profile.Name} one; choose another --out folder");
        if (existing.Engine != options.Engine)
            throw new FrequencyLabException($"reproduce: {root} holds a study on the {existing.Engine} engine, not {options.Engine}; choose another --out folder");
        return existing;
    }
}
