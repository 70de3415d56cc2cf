namespace FrequencyLab.Claims;

/// <summary>
/// One testable claim of the report, as <c>data/report-claims.json</c> states it: what the report says, the quantity it is
/// about, the experiment that tests it and the rule that decides it (the rule's code is <see cref="ClaimJudges"/>).
/// </summary>
/// <param name="Id">Stable identifier, e.g. "h1-lower-lr-removes-rise"; it selects the judge.</param>
/// <param name="Section">Where the claim stands in the report, e.g. "§2.2 H1".</param>
/// <param name="Quote">The report's words, shortened.</param>
/// <param name="Quantity">The measured quantity the claim is about.</param>
/// <param name="Experiment">The experiment that measures it.</param>
/// <param name="Rule">The decision rule in words.</param>
/// <param name="Notebook">Optional: the notebook section that shows the claim, as "NN-name.ipynb#heading-anchor" (the anchor
/// is the id the notebook's HTML page gives that heading); data, so that moving a section is an edit of the claims file.</param>
/// <param name="Timing">True for a claim about wall time ("timing": true in the file): its evidence and verdict depend on the
/// machine and its load, so a study's results.json (same options, same numbers) leaves it out; the page still shows it.</param>
public sealed record ReportClaim(string Id, string Section, string Quote, string Quantity, string Experiment, string Rule, string? Notebook = null, bool Timing = false);
