using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>The outcome of one grid point.</summary>
/// <param name="Point">The grid point.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="History">Its history (null when it never started or failed before its first record).</param>
/// <param name="Folder">Its run folder (null for an in-memory sweep).</param>
/// <param name="Message">One line: the stop message or the error.</param>
/// <param name="Skipped">True when it was found finished in its folder and not run again.</param>
public sealed record SweepPointResult(SweepPoint Point, SweepPointStatus Status, TrainingHistory? History, string? Folder, string? Message, bool Skipped = false);
