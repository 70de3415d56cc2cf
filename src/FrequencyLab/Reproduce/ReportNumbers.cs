using System.Globalization;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The report's own figures, read from data/report/phase3-report-figures.json (as the report printed them: claims to test,
/// not facts): its run's epoch losses and time per epoch, its predicted curve for lr 1e-4 and its success criteria.
/// </summary>
public sealed record ReportNumbers(
    IReadOnlyList<double> EpochLosses,
    double SecondsPerEpoch,
    IReadOnlyDictionary<int, double> PredictedCurveLr1e4,
    IReadOnlyDictionary<int, double> SuccessCriteriaLr1e4,
    IReadOnlyList<double> NoiseFloorMse)
{
    public const string RelativePath = Diagnostics.ReportFigures.RelativePath;

    /// <summary>The figures of the repository's file (<see cref="Diagnostics.ReportFigures.Load"/>, its one reader).</summary>
    public static ReportNumbers Read(string repositoryRoot)
    {
        var f = Diagnostics.ReportFigures.Load(Path.Combine(repositoryRoot, RelativePath));
        return new ReportNumbers(f.EpochLosses, f.SecondsPerEpoch, new SortedDictionary<int, double>(f.PredictedCurve.ToDictionary()),
            new SortedDictionary<int, double>(f.SuccessCriteria.ToDictionary()), [f.NoiseFloorLow, f.NoiseFloorHigh]);
    }
}
