using System.CommandLine;

namespace FrequencyLab.Cli;

/// <summary>
/// One <c>freqlab</c> verb. Implementations are discovered by reflection (public parameterless constructor),
/// so adding a verb means adding one file under Verbs/.
/// </summary>
internal interface IVerb
{
    Command Build();
}
