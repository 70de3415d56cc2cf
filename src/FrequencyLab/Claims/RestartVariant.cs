using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>One named configuration of the restart or a contingency, with the report's words for it.</summary>
/// <param name="Key">The claims ledger's experiment key (<see cref="LedgerExperiments"/>).</param>
/// <param name="Name">Short name for charts and tables.</param>
/// <param name="ReportSays">The report's words for it, with its section.</param>
/// <param name="Config">The config every init seed runs.</param>
public sealed record RestartVariant(string Key, string Name, string ReportSays, TrainingConfig Config);
