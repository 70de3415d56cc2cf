using System.Text.Json;
using System.Text.Json.Serialization;
using FrequencyLab.IO;

namespace FrequencyLab.Claims;

/// <summary>
/// A ledger's runs folder, <c>RUNS/MODE</c>: a run store (<see cref="Grid.RunStore"/>: one run folder per distinct run,
/// named <c>EXPERIMENT-seed-S</c> by the experiment that first needed it) and <c>ledger.json</c>, the settings they were run
/// at, with the folder's format. Format 1 (one sweep folder per experiment, before the one grid runner) is refused with one
/// line, never deleted. A notebook given this folder (e.g. the claims stage's of <c>freqlab reproduce</c>) shows the very runs the ledger
/// judged, at the ledger's scale, instead of training its own; any experiment missing there is trained into it.
/// </summary>
public static class LedgerRunsFolder
{
    public const string SettingsFile = "ledger.json";

    /// <summary>2: one run store for every experiment. 1 (no "Format" in ledger.json): one sweep folder per experiment.</summary>
    public const int Format = 2;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };
    private static readonly JsonSerializerOptions ReadOptions = IO.JsonFile.Strict(Json);

    /// <summary>The folder of <paramref name="settings"/>' runs under <paramref name="runsRoot"/> (the mode names it, so modes never share runs).</summary>
    public static string For(string runsRoot, LedgerSettings settings) => Path.Combine(Path.GetFullPath(runsRoot), settings.Mode);

    /// <summary>The inverse of <see cref="For"/>: the settings a runs folder <c>RUNS/MODE</c> was run at and its runs root
    /// <c>RUNS</c> (what <see cref="ClaimsLedger"/> takes), the one place a folder is taken apart into root and mode.</summary>
    /// <exception cref="FrequencyLabException">No <c>ledger.json</c> there, it is not a ledger's settings, or the folder is not
    /// named after the mode it records (runs trained from it would go to a sibling folder) (one line).</exception>
    public static (LedgerSettings Settings, string RunsRoot, string? Store) Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        var (settings, store) = ReadWithStore(full);
        if (Path.GetFileName(full) != settings.Mode)
            throw new FrequencyLabException($"{IO.JsonFile.Printable(folder)} holds {settings.Mode} runs, but a ledger's runs folder is named after its mode (RUNS/{settings.Mode})");
        return (settings, Path.GetDirectoryName(full)!, store);
    }

    /// <summary>Records the settings beside the runs (atomically), or checks that the folder's record says the same.</summary>
    /// <exception cref="FrequencyLabException">The folder holds runs of other settings under the same mode.</exception>
    /// <param name="folder">The ledger's runs folder.</param>
    /// <param name="settings">The ledger's settings.</param>
    /// <param name="store">Where the runs are, when not in <paramref name="folder"/> itself (a study's shared run store).</param>
    public static void Record(string folder, LedgerSettings settings, string? store = null)
    {
        var relative = store is null ? null : Grid.RunStore.Pointer(folder, store);
        // The one settings-folder rule (IO.SettingsFolder); the stored settings are compared as settings, not as text.
        const string what = "ledger runs";
        if (IO.SettingsFolder.Check(folder, SettingsFile, what))
        {
            var (existing, existingStore) = ReadWithStore(folder);
            if (Serialize(existing, null) != Serialize(settings, null))
                throw IO.SettingsFolder.OtherSettings(folder, what, existing.Label, "use another folder");
            if (existingStore != (store is null ? null : Path.GetFullPath(store)))
                throw IO.SettingsFolder.OtherSettings(folder, what, $"runs kept in {IO.JsonFile.Printable(existingStore ?? folder)}", "use another folder");
            return;
        }
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, SettingsFile), Serialize(settings, relative));
    }

    /// <summary>The settings a ledger's runs folder was run at.</summary>
    /// <exception cref="FrequencyLabException">No <c>ledger.json</c> there, or it is not a ledger's settings (one line).</exception>
    public static LedgerSettings Read(string folder) => ReadWithStore(folder).Settings;

    /// <summary>The settings and the run store (absolute; null: the folder itself) a ledger's runs folder records.</summary>
    public static (LedgerSettings Settings, string? Store) ReadWithStore(string folder)
    {
        var path = Path.Combine(folder, SettingsFile);
        if (!File.Exists(path)) throw new FrequencyLabException($"{IO.JsonFile.Printable(folder)} is not a ledger's runs folder (no {SettingsFile})");
        Stored stored;
        try
        {
            stored = IO.JsonFile.Read<Stored>(path, "ledger settings file", ReadOptions);
        }
        catch (FrequencyLabException) when (IsFormat1(path))
        {
            throw OtherFormat(path, 1);
        }
        if (stored.Format != Format) throw OtherFormat(path, stored.Format);
        string? store = null;
        if (stored.Store is { } relative)
        {
            store = Grid.RunStore.Resolve(folder, relative)
                ?? throw IO.JsonFile.Invalid(path, "ledger settings file", $"$.Store: {relative} is not a folder near the ledger's");
        }
        try
        {
            return (new LedgerSettings
            {
                Mode = stored.Mode, Duration = stored.Duration, InitSeeds = stored.InitSeeds, ShortEpochs = stored.ShortEpochs,
                LongEpochs = stored.LongEpochs, WarmupEpochs = stored.WarmupEpochs, TorchReportRun = stored.TorchReportRun,
                TorchSeeds = stored.TorchSeeds,
            }.Validate(), store);
        }
        catch (InvalidSpecException e)
        {
            throw IO.JsonFile.Invalid(path, "ledger settings file", e.Message);
        }
    }

    /// <summary>A ledger.json of the layout before the run store: a settings object with a mode and no format.</summary>
    private static bool IsFormat1(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(IO.JsonFile.ReadBytes(path, "ledger settings file"));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Mode", out _)
                && !doc.RootElement.TryGetProperty("Format", out _);
        }
        catch (Exception e) when (e is JsonException or FrequencyLabException)
        {
            return false;
        }
    }

    private static FrequencyLabException OtherFormat(string path, int format) => new(
        $"{IO.JsonFile.Printable(path)}: a ledger's runs in format {format}{(format == 1 ? " (one sweep folder per experiment)" : "")}; "
        + $"this version keeps them in one run store (format {Format}): use another folder (nothing was changed)");

    // What decides the runs; the number of workers does not.
    private sealed record Stored(int Format, string Mode, double Duration, ulong[] InitSeeds, int ShortEpochs, int LongEpochs, int WarmupEpochs, bool TorchReportRun,
        int TorchSeeds, string? Store);


    private static string Serialize(LedgerSettings s, string? store) => JsonSerializer.Serialize(
        new Stored(Format, s.Mode, s.Duration, [.. s.InitSeeds], s.ShortEpochs, s.LongEpochs, s.WarmupEpochs, s.TorchReportRun, s.TorchSeeds, store), Json);
}
