using FrequencyLab.Evaluation;
using FrequencyLab.Findings;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Evaluation;

/// <summary>The conclusions of notebook 05 follow their stated rules at and around each threshold.</summary>
public class EvaluationFindingsTests
{
    private static readonly BaselineResult[] Baselines =
    [
        new("zero", "zero", 0.5, [0.5], null, null, ""),
        new("best memoryless", "best-memoryless", 0.4, [0.4], null, null, ""),
    ];

    [Theory]
    [InlineData(0.30, Verdict.Supported)]
    [InlineData(0.385, Verdict.Inconclusive)]
    [InlineData(0.40, Verdict.Contradicted)]
    [InlineData(0.50, Verdict.Contradicted)]
    public void Against_baselines_needs_a_margin_below_the_best_memoryless(double mse, Verdict expected) =>
        Assert.Equal(expected, EvaluationFindings.AgainstBaselines(mse, Baselines).Verdict);

    [Theory]
    [InlineData(0.100, 0.105, Verdict.Supported)]
    [InlineData(0.100, 0.130, Verdict.Inconclusive)]
    [InlineData(0.100, 0.200, Verdict.Contradicted)]
    public void Generalization_compares_test_with_train(double train, double test, Verdict expected) =>
        Assert.Equal(expected, EvaluationFindings.Generalization(train, test).Verdict);

    [Theory]
    [InlineData(0.005, 3, false, Verdict.Supported)]
    [InlineData(0.5, 3, false, Verdict.Inconclusive)]
    [InlineData(0.5, 11, true, Verdict.Contradicted)]
    [InlineData(0.02, 50, false, Verdict.Contradicted)]
    public void The_report_target_is_judged_only_when_the_run_could_have_reached_it(double mse, int epochs, bool stopped, Verdict expected)
    {
        var f = EvaluationFindings.ReportTarget(mse, epochs, stopped);
        Assert.Equal(expected, f.Verdict);
        Assert.Equal("§5.2 success criteria", f.Source);
        Assert.Contains(Number.Format(mse), f.Explanation);
    }
}
