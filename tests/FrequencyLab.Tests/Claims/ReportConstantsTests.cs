using FrequencyLab.Claims;
using FrequencyLab.Diagnostics;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Claims;

/// <summary>The judges' compile-time copy of the report's figures says what the figures file says, figure for figure.</summary>
public class ReportConstantsTests
{
    private static ReportFigures File => ReportFigures.Load(RepoPaths.Combine(ReportFigures.RelativePath.Split('/')));

    [Fact]
    public void Every_constant_that_the_figures_file_also_holds_equals_it()
    {
        var f = File;
        Assert.Equal(f.EpochLosses, ReportConstants.EpochLosses);
        Assert.Equal(f.PredictedCurve.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), ReportConstants.Forecast);
        Assert.Equal(f.SuccessCriteria.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)), ReportConstants.SuccessCriteria);
        Assert.Equal(f.EpochsToTarget.Select(t => new ClaimRules.TargetRow(t.MseBelow, t.LastEpoch, t.Confidence)), ReportConstants.EpochsToTarget);
        Assert.Equal((f.NoiseFloorLow, f.NoiseFloorHigh), (ReportConstants.NoiseFloorLow, ReportConstants.NoiseFloorHigh));
        Assert.Equal(ReportConstants.SecondsPerEpoch, f.SecondsPerEpoch);
        Assert.Equal(ReportConstants.Parameters, f.Parameters);
        // The best epoch-1 loss of the table, rounded as §1 quotes it.
        Assert.Equal(ReportConstants.BestMse, Math.Round(f.EpochLosses.Min(), 3));
    }

    [Fact]
    public void The_forecast_and_the_study_page_read_the_same_file_through_the_one_reader()
    {
        var f = File;
        var forecast = FrequencyLab.Prediction.ReportForecast.Load(RepoPaths.Combine(ReportFigures.RelativePath.Split('/')));
        Assert.Equal(f.EpochLosses, forecast.EpochLosses);
        Assert.Equal(f.SuccessProbabilityWithin100, forecast.SuccessProbabilityWithin100);
        Assert.Equal(f.EpochsToTarget.Select(t => (t.MseBelow, t.FirstEpoch, t.LastEpoch)), forecast.EpochsToTarget.Select(t => (t.Below, t.FromEpoch, t.ToEpoch)));
        var numbers = FrequencyLab.Reproduce.ReportNumbers.Read(RepoPaths.Root);
        Assert.Equal(f.SecondsPerEpoch, numbers.SecondsPerEpoch);
        Assert.Equal([f.NoiseFloorLow, f.NoiseFloorHigh], numbers.NoiseFloorMse);
        Assert.Equal(f.PredictedCurve.OrderBy(p => p.Key), numbers.PredictedCurveLr1e4);
    }
}
