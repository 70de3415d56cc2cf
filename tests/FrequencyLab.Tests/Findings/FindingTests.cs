using FrequencyLab.Findings;

namespace FrequencyLab.Tests.Findings;

public class FindingTests
{
    private static Finding Sample(Verdict verdict) => new(
        "Does <S> carry the target?", verdict, "Largest |r| is 0.0114 against 3/√N = 0.03.", "contradicted when no |r| exceeds 3/√N",
        new[] { new Measurement("largest |r|", 0.0114), new Measurement("test MSE", 0.5, "MSE", 0.49, 0.51, "min–max over 3 seeds") },
        Claim: "FFT shows correct frequencies", Source: "Phase 1");

    [Theory]
    [InlineData(Verdict.Supported, "supported")]
    [InlineData(Verdict.Contradicted, "contradicted")]
    [InlineData(Verdict.Inconclusive, "inconclusive")]
    public void Html_carries_the_verdict_the_question_encoded_and_every_measurement(Verdict verdict, string word)
    {
        var html = Sample(verdict).ToHtml();
        Assert.Contains($"data-verdict=\"{word}\"", html);
        Assert.Contains("Does &lt;S&gt; carry the target?", html);
        Assert.DoesNotContain("<S>", html);
        Assert.Contains("largest |r|", html);
        Assert.Contains("0.5 MSE [0.49, 0.51, min–max over 3 seeds]", html);
        Assert.Contains("FFT shows correct frequencies", html);
    }

    [Theory]
    [InlineData(0.28474, "0.2847")]
    [InlineData(1.5e-5, "1.5e-5")]
    [InlineData(40000, "40,000")]
    [InlineData(17.25, "17.25")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_format_the_same_everywhere(double value, string expected) => Assert.Equal(expected, Number.Format(value));

    [Fact]
    public void Percent_is_signed() => Assert.Equal("+42.5 %", Number.Percent(0.425));
}
