using System.Text.Json.Nodes;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;
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
        Assert.Equal(["schemaVersion", "config", "trainData", "testData", "environment", "inputScale", "epochs", "stop", "stopMessage", "engineSwitches"], root.Select(p => p.Key));
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

    [Fact]
    public void Environment_records_what_decides_the_numerics_and_nothing_that_varies_between_identical_runs()
    {
        var first = Trainer(Config(epochs: 1)).Run();
        var second = Trainer(Config(epochs: 1)).Run();
        Assert.Equal(Numbers(first), Numbers(second));

        var numerics = first.Environment.Numerics!;
        Assert.Equal(CpuDescription.Current(), numerics.Cpu);
        Assert.Contains(numerics.DotnetVectorBits, new[] { 0, 128, 256, 512 });
        Assert.Null(numerics.Libtorch);      // the scalar test engine has no libtorch, and a fused run must not load it
        Assert.Null(numerics.TorchThreads);
        var node = JsonNode.Parse(HistoryJson.Serialize(first))!["environment"]!["numerics"]!.AsObject();
        Assert.Equal(["cpu", "dotnetVectorBits", "libtorch", "torchThreads", "kernelCaps"], node.Select(p => p.Key));
        Assert.Equal(["model", "vectorIsa", "vectorFlags"], node["cpu"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Torch_runs_record_libtorch_and_its_thread_count()
    {
        var shape = new FrequencyLab.Model.ModelShape(5, 4);
        using var engine = new TorchEngine(shape, FrequencyLab.Engines.OptimizerSettings.Report, new float[shape.ParameterCount]);
        var numerics = RunEnvironment.Capture(engine).Numerics!;
        Assert.StartsWith("2.10.0", numerics.Libtorch);       // TorchSharp-cpu 0.107.0's libtorch
        Assert.Equal(1, numerics.TorchThreads);               // TorchEngineOptions' default
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(RunEnvironment.Capture(engine), HistoryJson.Options),
            System.Text.Json.JsonSerializer.Serialize(RunEnvironment.Capture(engine), HistoryJson.Options));
    }

    [Fact]
    public void A_history_written_before_numerics_were_recorded_still_reads()
    {
        var root = JsonNode.Parse(HistoryJson.Serialize(Trainer(Config(epochs: 1)).Run()))!.AsObject();
        Assert.True(root["environment"]!.AsObject().Remove("numerics"));
        var old = HistoryJson.DeserializeHistory(root.ToJsonString(), "old.json");
        Assert.Null(old.Environment.Numerics);
        Assert.Equal("scalar-test", old.Environment.Engine);
        Assert.Single(old.Epochs);
    }
}
