namespace FrequencyLab.Native;

/// <summary>The patch for one file: the version need it rewrites and its byte edits, or why it cannot apply.</summary>
public sealed record GlibcxxPatchPlan(ElfVersionNeed? Need, IReadOnlyList<ByteEdit> Edits, string? RefusedBecause)
{
    public static GlibcxxPatchPlan Refused(string reason) => new(null, [], reason);
}
