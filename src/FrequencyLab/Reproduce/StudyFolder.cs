using FrequencyLab.IO;

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
        if (!SettingsFolder.Check(root, Path.GetRelativePath(root, layout.Manifest), "a study")) return fresh;
        ReproduceManifest existing;
        try { existing = ReproduceManifest.Read(layout.Manifest); }
        catch (DataFileException e)
        {
            throw new FrequencyLabException($"reproduce: {e.FilePath} is not a freqlab reproduce manifest ({e.Problem}); {SettingsFolder.DefaultRemedy}");
        }
        if (existing.Version != ReproduceManifest.CurrentVersion)
            throw SettingsFolder.OtherSettings(root, "a study", $"manifest version {existing.Version}, this freqlab writes {ReproduceManifest.CurrentVersion}");
        if (existing.Profile != options.Profile.Name)
            throw SettingsFolder.OtherSettings(root, "a study", $"a {existing.Profile} study; this is a {options.Profile.Name} one");
        if (existing.Engine != options.Engine)
            throw SettingsFolder.OtherSettings(root, "a study", $"on the {existing.Engine} engine, not {options.Engine}");
        return existing;
    }
}
