using FrequencyLab.Data;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class ValidationReportTests
{
    [Fact]
    public void Report_has_every_section_and_the_dataframe_holds_the_rows()
    {
        var report = ValidationReport.Compute(StructureChecksTests.Small(seed: 1), StructureChecksTests.Small(seed: 2));
        Assert.Equal("test", report.BaselinesScoredOn);
        Assert.Empty(report.Problems);
        foreach (var section in new[] { "structure", "spectrum", "correlation", "baselines" })
        {
            Assert.Contains(report.Rows, r => r.Section == section && r.Dataset == "train" || r.Section == section && r.Dataset == "test");
        }
        var frame = report.ToDataFrame();
        Assert.Equal(report.Rows.Count, frame.Rows.Count);
        Assert.Equal(["section", "metric", "dataset", "frequency_hz", "value", "reference", "note"], frame.Columns.Select(c => c.Name).ToArray());
        // The clean target is a unit sine at an on-bin frequency (2 s at 100 Hz: 0.5 Hz bins).
        var amp = Assert.Single(report.Rows, r => r.Metric == "amplitude of target at f" && r.Dataset == "train" && r.FrequencyHz == 3.0);
        Assert.Equal(1.0, amp.Value, 1e-9);
        Assert.Equal(8, report.Correlations.Count);
        Assert.Equal(18, report.Spectra.Count); // per dataset: S, 4 targets, 4 regenerated components
        Assert.Contains(report.Rows, r => r.Metric == "MSE: polynomial degree 3" && r.Dataset == ValidationReport.InSampleLabel);
    }

    [Fact]
    public void Component_spectrum_of_a_fixed_phase_control_shows_the_drawn_amplitude_at_each_frequency()
    {
        var spec = StructureChecksTests.SmallSpec with { Noise = FrequencyLab.Signals.NoiseMode.PerSeries };
        var set = FrequencyLab.Signals.SignalGenerator.Generate(spec, 5);
        var report = ValidationReport.Compute(set, null, RowOrder.Interleaved);
        for (int i = 0; i < 4; i++)
        {
            var row = Assert.Single(report.Rows, r => r.Metric == "amplitude of noisy component at f" && r.FrequencyHz == spec.Frequencies[i]);
            Assert.Equal(set.Amplitudes[i][0], row.Value, 1e-9);
        }
    }

    [Fact]
    public void Without_a_test_set_baselines_are_labelled_in_sample()
    {
        var report = ValidationReport.Compute(StructureChecksTests.Small(RowOrder.Interleaved));
        Assert.Equal(ValidationReport.InSampleLabel, report.BaselinesScoredOn);
        Assert.All(report.Rows.Where(r => r.Section == "baselines"), r => Assert.Equal(ValidationReport.InSampleLabel, r.Dataset));
        Assert.DoesNotContain(report.Rows, r => r.Dataset == "test");
    }

    [Fact]
    public void Json_round_trips_the_rows_including_non_finite_values()
    {
        var train = StructureChecksTests.Small();
        train.Targets[3] = double.NaN;
        var report = ValidationReport.Compute(train);
        var json = report.ToJson();
        Assert.Contains("\"NaN\"", json);
        Assert.Equal(report.Rows, ValidationReport.RowsFromJson(json));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("schema").GetInt32());
        Assert.Contains("train: 1 non-finite targets", doc.RootElement.GetProperty("problems").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Tables_pivot_frequencies_into_columns()
    {
        var report = ValidationReport.Compute(StructureChecksTests.Small(seed: 1), StructureChecksTests.Small(seed: 2));
        var tables = report.ToTables();
        Assert.Equal(["structure", "spectrum", "correlation", "baselines"], tables.Select(t => t.Section).ToArray());
        var baselines = tables[3];
        Assert.Equal(["metric", "dataset", "all", "1 Hz", "3 Hz", "5 Hz", "7 Hz", "reference", "note"], baselines.Columns.ToArray());
        var clock = Assert.Single(baselines.Rows, r => r[0] == "MSE: perfect clock");
        Assert.Equal(["0", "0", "0", "0", "0"], clock[2..7]);
        Assert.Contains("MSE: zero", baselines.ToText());
    }

    [Fact]
    public void A_dataset_without_spec_is_refused_with_one_line()
    {
        var d = StructureChecksTests.Small();
        var bare = new FrequencyDataset(d.Inputs, d.Targets, d.FrequencyIndex, d.TimeIndex, d.FrequencyCount, d.Order);
        var e = Assert.Throws<FrequencyLabException>(() => ValidationReport.Compute(bare));
        Assert.DoesNotContain('\n', e.Message);
    }
}
