using CsCheck;
using FrequencyLab.Prediction;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Prediction;

/// <summary>A calibration file made hostile: a calibration that draws a band, or one line naming the file; never another exception.</summary>
public class ForecastCalibrationFileTests
{
    // Four short synthetic curves, two cuts: a real calibration file, small enough to mutate hundreds of times.
    private static readonly Lazy<string> SmallJson = new(() =>
        new ForecastCalibrator { Replicates = 20, Cuts = [5, 10] }.Calibrate(CurveLibrary.Synthetic(1, seed: 2), "four synthetic curves").ToJson());

    private static readonly ConvergencePrediction Prediction = new ConvergencePredictor().Predict(
        CurveLibrary.Synthetic(1, seed: 9)[1].ToLearningCurve().Take(12), new PredictionOptions(0.01, Horizon: 40, Replicates: 20));

    [Fact]
    public void Any_variant_of_a_calibration_file_is_a_calibration_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("calibration.json");
        HostileInput.JsonVariants(SmallJson.Value).Sample(bytes => HostileInput.AssertTotal(path, bytes, "calibration.json", p =>
        {
            var band = ForecastCalibration.Load(p).Apply(Prediction);
            Assert.All(band.Points, b => Assert.True(b.Lower <= b.Median && b.Median <= b.Upper));
        }), iter: 300, threads: 1);
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 1}", "not a valid forecast calibration")]
    [InlineData("[1, 2]", "not a valid forecast calibration")]
    [InlineData("", "not a valid forecast calibration")]
    public void Foreign_files_are_one_line(string content, string words)
    {
        using var dir = new TempDir();
        var path = dir.File("foreign.json");
        File.WriteAllText(path, content);
        var e = Assert.Throws<DataFileException>(() => ForecastCalibration.Load(path));
        HostileInput.AssertOneLine(e.Message, "foreign.json");
        Assert.Contains(words, e.Message);
    }

    [Fact]
    public void Another_schema_version_or_kind_is_named()
    {
        using var dir = new TempDir();
        var path = dir.File("c.json");
        File.WriteAllText(path, SmallJson.Value.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"));
        Assert.Contains("schemaVersion 2 is not 1", Assert.Throws<DataFileException>(() => ForecastCalibration.Load(path)).Message);
        File.WriteAllText(path, SmallJson.Value.Replace(ForecastCalibration.KindName, "frequencylab-report-claims"));
        Assert.Contains("kind is not", Assert.Throws<DataFileException>(() => ForecastCalibration.Load(path)).Message);
    }
}
