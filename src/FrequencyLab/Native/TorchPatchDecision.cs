namespace FrequencyLab.Native;

/// <summary>What <see cref="TorchRuntime"/> must do about libLibTorchSharp.so's libstdc++ version needs.</summary>
/// <param name="Action">Nothing, patch, or impossible.</param>
/// <param name="Missing">The needed versions the system's libstdc++ does not define.</param>
public sealed record TorchPatchDecision(TorchPatchAction Action, IReadOnlyList<string> Missing)
{
    /// <summary>
    /// Nothing when every needed version is defined; patch when the only missing one is
    /// <see cref="GlibcxxVersionPatch.MissingVersion"/> and its replacement is defined; otherwise unfixable.
    /// </summary>
    public static TorchPatchDecision Decide(IEnumerable<string> needed, IEnumerable<string> defined)
    {
        var have = defined.ToHashSet(StringComparer.Ordinal);
        var missing = needed.Where(n => !have.Contains(n)).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0) return new(TorchPatchAction.None, missing);
        if (missing.Length == 1 && missing[0] == GlibcxxVersionPatch.MissingVersion && have.Contains(GlibcxxVersionPatch.ReplacementVersion))
            return new(TorchPatchAction.Patch, missing);
        return new(TorchPatchAction.Unfixable, missing);
    }
}

public enum TorchPatchAction
{
    /// <summary>The system libstdc++ is new enough: load TorchSharp as shipped.</summary>
    None,
    /// <summary>Load a copy whose GLIBCXX_3.4.32 need is rewritten to GLIBCXX_3.4.30.</summary>
    Patch,
    /// <summary>Other versions are missing too; no safe patch exists.</summary>
    Unfixable,
}
