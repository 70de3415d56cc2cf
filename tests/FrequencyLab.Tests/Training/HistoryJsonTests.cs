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

    [Fact]
    public void Environment_records_a_fixed_set_of_versions_whatever_the_process_loaded()
    {
        var before = RunEnvironment.Capture("fused");
        // The CLI's UI assemblies do not compute any number: loading them must not change what a run records.
        System.Reflection.Assembly.Load("Spectre.Console");
        System.Reflection.Assembly.Load("System.CommandLine");
        var after = RunEnvironment.Capture("fused");
        Assert.Equal(before.Versions, after.Versions);
        var expected = new[] { "FrequencyLab", "System.Numerics.Tensors", "TorchSharp", System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name! }
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, after.Versions.Keys);
        Assert.Contains("+", after.Versions["FrequencyLab"]); // informational version with the commit
        Assert.StartsWith("0.107.0", after.Versions["TorchSharp"]);
    }
}
