using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>A rule's outcome: the verdict, the rule in words (with its parameters) and the reason in numbers.</summary>
public sealed record RuleResult(Verdict Verdict, string Rule, string Reason);
