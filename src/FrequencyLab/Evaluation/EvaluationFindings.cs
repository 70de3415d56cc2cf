using FrequencyLab.Findings;
using FrequencyLab.Validation;

namespace FrequencyLab.Evaluation;

/// <summary>
/// The study's conclusions about a chosen model on the test seed, as <see cref="Finding"/>s: each an explicit rule on
/// measured MSEs (never a typed outcome).
/// </summary>
public static class EvaluationFindings
{
    /// <summary>Gap between train and test MSE under which the model counts as generalising (10 %), and over which it does not (50 %).</summary>
    public const double SameWithin = 0.10, DifferentBeyond = 0.50;

    /// <summary>How much lower than the best memoryless baseline a model must be to count as using more than S(t) (5 %).</summary>
    public const double BeatMargin = 0.05;

    /// <summary>The report's success criterion for lr 1e-4 (its §5.2): MSE below 0.01 by epoch 50.</summary>
    public const double ReportTargetMse = 0.01;
    public const int ReportTargetEpoch = 50;

    /// <summary>Does the model beat what the data allows without a sequence model (notebook 01's baselines on the same test set)?</summary>
    public static Finding AgainstBaselines(double modelTestMse, IReadOnlyList<BaselineResult> baselines)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        double zero = Mse(baselines, "zero"), best = Mse(baselines, "best memoryless");
        var verdict = modelTestMse < (1 - BeatMargin) * best ? Verdict.Supported : modelTestMse >= best ? Verdict.Contradicted : Verdict.Inconclusive;
        string explanation = verdict switch
        {
            Verdict.Supported => $"The model's test MSE {Number.Format(modelTestMse)} is below the best memoryless baseline's {Number.Format(best)}: it uses more than the current S(t).",
            Verdict.Contradicted => $"The model's test MSE {Number.Format(modelTestMse)} is not below the best memoryless baseline's {Number.Format(best)} (predicting zero gives {Number.Format(zero)}): it has learned nothing a memoryless function of S(t) does not give.",
            _ => $"The model's test MSE {Number.Format(modelTestMse)} is within {Number.Format(100 * BeatMargin)} % of the best memoryless baseline's {Number.Format(best)}.",
        };
        return new Finding("Does the chosen model predict the test targets better than any memoryless function of S(t)?", verdict, explanation,
            $"supported when the model's test MSE is more than {Number.Format(100 * BeatMargin)} % below the best memoryless baseline's; contradicted when it is not below it",
            [new Measurement("model test MSE", modelTestMse, "MSE"), new Measurement("best memoryless baseline", best, "MSE"), new Measurement("predict zero", zero, "MSE")]);
    }

    /// <summary>Does the model do as well on the test seed as on its training rows (frozen passes on both)?</summary>
    public static Finding Generalization(double frozenTrainMse, double frozenTestMse)
    {
        double ratio = frozenTestMse / frozenTrainMse;
        var verdict = ratio <= 1 + SameWithin ? Verdict.Supported : ratio > 1 + DifferentBeyond ? Verdict.Contradicted : Verdict.Inconclusive;
        return new Finding("Does the chosen model do as well on the test seed as on its training rows?", verdict,
            $"Frozen test MSE {Number.Format(frozenTestMse)} against frozen train MSE {Number.Format(frozenTrainMse)}: a ratio of {Number.Format(ratio)}.",
            $"supported when test/train ≤ {Number.Format(1 + SameWithin)}; contradicted when it exceeds {Number.Format(1 + DifferentBeyond)}",
            [new Measurement("frozen train MSE", frozenTrainMse, "MSE"), new Measurement("frozen test MSE", frozenTestMse, "MSE"), new Measurement("test / train", ratio)]);
    }

    /// <summary>The report's success criterion: MSE below 0.01 by epoch 50 with lr 1e-4.</summary>
    /// <param name="frozenTestMse">The chosen model's test MSE.</param>
    /// <param name="epochsTrained">Epochs its run trained.</param>
    /// <param name="stoppedOnItsOwn">Whether the run ended by itself (early stopping, a non-finite loss) rather than at the
    /// end of its epoch budget: the report's recipe includes early stopping, so a run it stopped will not get further.</param>
    public static Finding ReportTarget(double frozenTestMse, int epochsTrained, bool stoppedOnItsOwn)
    {
        Verdict verdict;
        string explanation;
        string epochs = epochsTrained == 1 ? "1 epoch" : $"{epochsTrained} epochs";
        if (frozenTestMse < ReportTargetMse)
        {
            verdict = Verdict.Supported;
            explanation = $"The test MSE {Number.Format(frozenTestMse)} is below {Number.Format(ReportTargetMse)} after {epochs}.";
        }
        else if (epochsTrained >= ReportTargetEpoch || stoppedOnItsOwn)
        {
            verdict = Verdict.Contradicted;
            explanation = stoppedOnItsOwn && epochsTrained < ReportTargetEpoch
                ? $"The run stopped by itself after {epochs} at test MSE {Number.Format(frozenTestMse)}, not below {Number.Format(ReportTargetMse)}."
                : $"After {epochs} the test MSE is {Number.Format(frozenTestMse)}, not below {Number.Format(ReportTargetMse)}.";
        }
        else
        {
            verdict = Verdict.Inconclusive;
            explanation = $"The run was given {epochs}, fewer than the {ReportTargetEpoch} the criterion allows, and ended at test MSE {Number.Format(frozenTestMse)}.";
        }
        return new Finding("Does the chosen model reach the report's target MSE?", verdict, explanation,
            $"supported when the test MSE is below {Number.Format(ReportTargetMse)}; contradicted when it is not and the run reached {ReportTargetEpoch} epochs or stopped by itself (early stopping is part of the report's recipe); inconclusive when its epoch budget was smaller",
            [new Measurement("frozen test MSE", frozenTestMse, "MSE"), new Measurement("epochs trained", epochsTrained)],
            Claim: "MSE < 0.01 by epoch 50 with learning rate 1e-4", Source: "§5.2 success criteria");
    }

    private static double Mse(IReadOnlyList<BaselineResult> baselines, string name) =>
        baselines.FirstOrDefault(b => b.Name == name)?.Mse ?? throw new ArgumentException($"no '{name}' baseline", nameof(baselines));
}
