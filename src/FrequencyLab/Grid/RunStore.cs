using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>
/// A folder of run folders (<see cref="RunDirectory"/>), one per distinct run (<see cref="RunKey"/>): the one place a study
/// keeps its runs. A run is found by its config, whatever name the stage that first trained it gave its folder, so the
/// sweep's lr 1e-4 points, the proposed fix and the ledger's restart are one folder when their configs are one run.
/// </summary>
/// <remarks>Opening reads every sub-folder's config.json strictly: a folder holding something that is not a run's config
/// is refused with one line, never overwritten. Sub-folders without a config.json are left alone and never reused.</remarks>
public sealed class RunStore
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public string Root { get; }

    private RunStore(string root) => Root = root;

    /// <summary>Opens (and creates) the store at <paramref name="root"/>.</summary>
    /// <exception cref="FrequencyLabException">The root is a file, or a run folder's config.json is not a config (one line).</exception>
    public static RunStore Open(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        if (File.Exists(full)) throw new FrequencyLabException($"{PrintableText.Escape(full)} is a file, not a folder of runs");
        Directory.CreateDirectory(full);
        var store = new RunStore(full);
        foreach (var folder in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            store._taken.Add(name);
            var config = Path.Combine(folder, RunDirectory.ConfigFile);
            if (!File.Exists(config)) continue;
            store._byKey.TryAdd(RunKey.Of(HistoryJson.ReadConfig(config)), name);
        }
        return store;
    }

    /// <summary>The folder of <paramref name="config"/>'s run: the stored one of the same run when there is one, otherwise a
    /// new folder named <paramref name="name"/> (or name-2, name-3, … when another run holds that name).</summary>
    public string Locate(TrainingConfig config, string name)
    {
        CheckName(name);
        var key = RunKey.Of(config);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var existing)) return Path.Combine(Root, existing);
            var chosen = name;
            for (int i = 2; _taken.Contains(chosen); i++) chosen = $"{name}-{i}";
            _taken.Add(chosen);
            _byKey[key] = chosen;
            return Path.Combine(Root, chosen);
        }
    }

    /// <summary>How a folder that keeps its runs elsewhere (a ledger's or a matrix's, in a study) records where: the store's
    /// path relative to it, with '/'.</summary>
    public static string Pointer(string fromFolder, string store) =>
        Path.GetRelativePath(Path.GetFullPath(fromFolder), Path.GetFullPath(store)).Replace('\\', '/');

    /// <summary>The store a recorded <see cref="Pointer"/> names: up a few levels, then run-folder names; never rooted, never
    /// anywhere else. Null when the pointer is not one (the caller names the file in its one line).</summary>
    public static string? Resolve(string fromFolder, string pointer)
    {
        if (string.IsNullOrEmpty(pointer) || Path.IsPathRooted(pointer) || pointer.Contains('\\')) return null;
        var parts = pointer.Split('/');
        if (parts.Length > 8 || parts.All(x => x == "..")) return null;
        foreach (var part in parts.SkipWhile(x => x == ".."))
        {
            try { CheckName(part); }
            catch (InvalidSpecException) { return null; }
        }
        return Path.GetFullPath(Path.Combine(fromFolder, pointer));
    }

    /// <summary>A run's name is one folder name: letters, digits and . _ - = (never a path).</summary>
    public static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.Length > 120
            || name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' or '=')))
            throw new InvalidSpecException($"invalid run name '{PrintableText.Escape(name ?? "")}': use letters, digits, '.', '_', '-' and '='");
    }
}
