using System.Text.Json.Nodes;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

public class HistoryJsonTests
{
    [Fact]
    public void History_round_trips_and_carries_the_documented_fields()
    {
        var h = Trainer(Config(epochs: 2) with { Plateau = new PlateauSettings(Patience: 0, Threshold: 0.99) }).Run();
        var json = HistoryJson.Serialize(h);
        Assert.Equal(json, HistoryJson.Serialize(HistoryJson.DeserializeHistory(json)));

        var root = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(["schemaVersion", "config", "trainData", "testData", "environment", "epochs", "stop", "stopMessage", "engineSwitches"], root.Select(p => p.Key));
        Assert.Equal(1, (int)root["schemaVersion"]!);
        var epoch = root["epochs"]![0]!.AsObject();
        Assert.Equal(["epoch", "trainLoss", "trainLossPerFrequency", "frozenTrain", "frozenTest", "learningRate", "lastStepLearningRate",
            "gradientNorm", "rows", "seconds", "events"], epoch.Select(p => p.Key));
        Assert.Equal(["steps", "mean", "max", "fractionClipped"], epoch["gradientNorm"]!.AsObject().Select(p => p.Key));
        var cut = root["epochs"]![1]!["events"]!.AsArray().Single(v => (string)v!["kind"]! == "learningRateReduced")!;
        Assert.Equal(2, (int)cut["epoch"]!);
        Assert.Equal(1e-3, (double)cut["values"]!["to"]!, 12);
    }

    [Fact]
    public void Another_schema_version_or_broken_json_is_a_one_line_error()
    {
        var json = HistoryJson.Serialize(Trainer(Config(epochs: 1)).Run());
        var e = Assert.Throws<DataFileException>(() => HistoryJson.DeserializeHistory(json.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"), "h.json"));
        Assert.Equal("h.json: history schema version 2 is not supported (expected 1)", e.Message);
        var broken = Assert.Throws<DataFileException>(() => HistoryJson.DeserializeHistory(json[..(json.Length / 2)], "h.json"));
        Assert.DoesNotContain('\n', broken.Message);
    }
}
