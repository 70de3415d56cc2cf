namespace FrequencyLab.Reproduce;

/// <summary>A value the study gives a notebook for one of its parameters (a <c>bool</c> or a <c>string</c>).</summary>
public sealed record StudyNotebookParameter(string Name, object Value);
