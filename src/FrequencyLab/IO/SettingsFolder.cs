namespace FrequencyLab.IO;

/// <summary>
/// The rule of every folder that holds the work of one set of settings (a run, a sweep, a learnability matrix, a study):
/// a new or empty folder is taken, a folder whose settings file says the same settings is continued, anything else is
/// refused with one line, <c>FOLDER: PROBLEM; choose another --out</c>, before anything is written. The folders differ in
/// what "the same settings" means (a config compared field by field, a file compared as text), not in the rule.
/// </summary>
public static class SettingsFolder
{
    /// <summary>What every refusal ends with unless the caller names another way out.</summary>
    public const string DefaultRemedy = "choose another --out";

    /// <summary>Refuses a file where <paramref name="what"/>'s folder should be, and a non-empty folder without
    /// <paramref name="settingsFile"/>; returns whether the settings file is there (the folder then holds earlier work to
    /// compare with).</summary>
    /// <param name="folder">The folder (full path, as the message shows it).</param>
    /// <param name="settingsFile">The file naming the settings (<c>config.json</c>, <c>sweep.json</c>, …), relative to the folder.</param>
    /// <param name="what">What the folder holds, with its article: "a run", "a sweep", "a study".</param>
    public static bool Check(string folder, string settingsFile, string what)
    {
        if (File.Exists(folder)) throw IsFile(folder, what);
        if (File.Exists(Path.Combine(folder, settingsFile))) return true;
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()) throw NotEmpty(folder, what, settingsFile);
        return false;
    }

    /// <summary>Writes <paramref name="settings"/> to <paramref name="settingsFile"/> in a new or empty folder (atomically,
    /// creating the folder), or checks that the file already there says the same text.</summary>
    /// <exception cref="FrequencyLabException">The path is a file; the folder holds other files; or other settings.</exception>
    public static void WriteOrCompare(string folder, string settingsFile, string settings, string what)
    {
        var path = Path.Combine(folder, settingsFile);
        if (Check(folder, settingsFile, what))
        {
            if (File.ReadAllText(path) != settings) throw OtherSettings(folder, what, $"{settingsFile} differs");
            return;
        }
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, settings);
    }

    /// <summary><c>FOLDER: is a file, not a folder for WHAT; choose another --out</c>.</summary>
    public static FrequencyLabException IsFile(string folder, string what) =>
        Refusal(folder, $"is a file, not a folder for {what}", DefaultRemedy);

    /// <summary><c>FOLDER: is not empty and holds no WHAT (no SETTINGSFILE); choose another --out</c>.</summary>
    public static FrequencyLabException NotEmpty(string folder, string what, string settingsFile, string remedy = DefaultRemedy) =>
        Refusal(folder, $"is not empty and holds no {StripArticle(what)} (no {settingsFile})", remedy);

    /// <summary><c>FOLDER: holds WHAT of other settings (DIFFERENCE); REMEDY</c>.</summary>
    public static FrequencyLabException OtherSettings(string folder, string what, string difference, string remedy = DefaultRemedy) =>
        Refusal(folder, $"holds {what} of other settings ({difference})", remedy);

    private static FrequencyLabException Refusal(string folder, string problem, string remedy) =>
        new($"{folder}: {problem}; {remedy}");

    private static string StripArticle(string what) =>
        what.StartsWith("a ", StringComparison.Ordinal) ? what[2..] : what.StartsWith("an ", StringComparison.Ordinal) ? what[3..] : what;
}
