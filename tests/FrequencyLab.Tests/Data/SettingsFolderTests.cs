using FrequencyLab.IO;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>The one rule of a folder that holds the work of one set of settings: taken when new or empty, continued with
/// the same settings, refused (one line, nothing written) otherwise.</summary>
public class SettingsFolderTests
{
    private static string Snapshot(string dir) => string.Join("\n", Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order()
        .Select(f => File.Exists(f) ? $"{f} {File.ReadAllText(f)}" : f));

    [Fact]
    public void A_new_folder_gets_the_settings_and_the_same_settings_continue_it()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("new/deeper");
        SettingsFolder.WriteOrCompare(folder, "settings.json", "{\"a\": 1}", "a matrix");
        Assert.Equal("{\"a\": 1}", File.ReadAllText(Path.Combine(folder, "settings.json")));
        File.WriteAllText(Path.Combine(folder, "run.json"), "work");
        SettingsFolder.WriteOrCompare(folder, "settings.json", "{\"a\": 1}", "a matrix");
        Assert.True(SettingsFolder.Check(folder, "settings.json", "a matrix"));
        Directory.CreateDirectory(tmp.File("empty"));
        Assert.False(SettingsFolder.Check(tmp.File("empty"), "settings.json", "a matrix")); // empty: taken
    }

    [Fact]
    public void Other_settings_a_foreign_folder_and_a_file_are_refused_in_one_line_and_nothing_changes()
    {
        using var tmp = new TempDir();
        var folder = tmp.File("m");
        SettingsFolder.WriteOrCompare(folder, "settings.json", "{\"a\": 1}", "a matrix");
        File.WriteAllText(tmp.File("notes.txt"), "mine");
        Directory.CreateDirectory(tmp.File("foreign"));
        File.WriteAllText(tmp.File("foreign/thesis.tex"), "my work");
        var before = Snapshot(tmp.Path);

        var other = Assert.Throws<FrequencyLabException>(() => SettingsFolder.WriteOrCompare(folder, "settings.json", "{\"a\": 2}", "a matrix"));
        Assert.Equal($"{folder}: holds a matrix of other settings (settings.json differs); choose another --out", other.Message);
        var foreign = Assert.Throws<FrequencyLabException>(() => SettingsFolder.WriteOrCompare(tmp.File("foreign"), "settings.json", "{}", "a matrix"));
        Assert.Equal($"{tmp.File("foreign")}: is not empty and holds no matrix (no settings.json); choose another --out", foreign.Message);
        var file = Assert.Throws<FrequencyLabException>(() => SettingsFolder.WriteOrCompare(tmp.File("notes.txt"), "settings.json", "{}", "a matrix"));
        Assert.Equal($"{tmp.File("notes.txt")}: is a file, not a folder for a matrix; choose another --out", file.Message);
        Assert.Equal(before, Snapshot(tmp.Path));
    }
}
