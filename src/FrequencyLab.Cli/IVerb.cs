using System.CommandLine;

namespace FrequencyLab.Cli;

/// <summary>
/// One <c>freqlab</c> verb. Implementations are discovered by reflection (public parameterless constructor),
/// so adding a verb means adding one file under Verbs/.
/// </summary>
/// <remarks>Every verb has one shape: its options and arguments are readonly fields (shared ones from
/// <see cref="Options.SharedOptions"/>, train's from <see cref="Verbs.Train.TrainOptions"/>), <see cref="Build"/> only
/// declares the command (options, validators, the action), and the work is a private <c>Execute(ParseResult[, CancellationToken])</c>
/// (<c>ExecuteAsync</c> when it awaits). Output goes through <see cref="VerbConsole"/>, progress through
/// <see cref="FrequencyLab.Diagnostics.InlineProgress{T}"/>.</remarks>
internal interface IVerb
{
    Command Build();
}
