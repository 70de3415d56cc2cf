using FrequencyLab.Diagnostics;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Diagnostics;

public class ExperimentTests
{
    private static TrainingConfig Small(int rows = 800, int epochs = 2) => TrainingConfig.Report with
    {
        Engine = FusedEngine.EngineName, HiddenSize = 8, Epochs = epochs, LearningRate = 3e-3,
        Data = new TrainingDataConfig { Spec = FrequencyLab.Signals.SignalSpec.Default with { Duration = 0.25 }, MaxRows = rows },
    };

    [Fact]
    public void Update_effect_reproduces_the_trainers_numbers_and_measures_the_own_update()
    {
        var c = Small();
        var history = new StatefulTrainer(c, TrainingData.Load(c.Data)).Run();
        var r = UpdateEffectExperiment.Run(c, sampleEvery: 7, windowRows: 100);
        Assert.Equal(2, r.Epochs.Count);
        for (int i = 0; i < 2; i++)
        {
            // Sampling snapshots and restores around the row: training is undisturbed, the numbers are the trainer's.
            Assert.Equal(history.Epochs[i].TrainLoss, r.Epochs[i].TrainLoss);
            Assert.Equal(history.Epochs[i].FrozenTrain.Mse, r.Epochs[i].FrozenTrainMse);
            Assert.Equal(history.Epochs[i].FrozenTest.Mse, r.Epochs[i].FrozenTestMse);
            Assert.Equal(8, r.Epochs[i].Windows.Count);
            Assert.Equal(Enumerable.Range(0, 800).Where(x => x % 7 == 0), r.Epochs[i].SampleRow);
            // The windows' means average back to the epoch's.
            Assert.Equal(r.Epochs[i].TrainLoss, r.Epochs[i].Windows.Average(w => w.TrainLoss), 9);
        }
        // A row's own update at lr 3e-3 lowers its own loss on most rows.
        Assert.True(r.Epochs[0].FractionImproved > 0.5);
        Assert.Throws<InvalidSpecException>(() => UpdateEffectExperiment.Run(c with { AccumulationSteps = 10 }));
    }

    [Fact]
    public void Gradient_probe_variance_matches_a_direct_computation_and_leaves_weights_unchanged()
    {
        var c = Small(rows: 300) with { HiddenSize = 4 };
        var s = GradientProbe.Measure(c, windows: [2, 50]);
        // Direct: per-row gradients with a fresh engine, zeroed by restoring the weights each row.
        var w = ModelInitializer.PyTorchDefault(c.Shape, c.InitSeed);
        using var e = new FusedEngine(c.Shape, c.Optimizer, w);
        var rows = TrainingData.Load(c.Data).Train;
        int p = c.Shape.ParameterCount;
        var grads = new List<double[]>();
        var g = new float[p];
        e.ResetTrainState();
        for (int i = 0; i < rows.Count; i++)
        {
            e.ForwardBackward(rows.Input(i), rows.Targets[i]);
            e.GetGradients(g);
            grads.Add(g.Select(x => (double)x).ToArray());
            e.OptimizerStep(0f, float.PositiveInfinity);
        }
        var after = new float[p];
        e.GetParameters(after);
        Assert.Equal(w, after); // lr 0 moved nothing
        var mean = Enumerable.Range(0, p).Select(j => grads.Average(x => x[j])).ToArray();
        double variance = grads.Sum(x => x.Select((v, j) => (v - mean[j]) * (v - mean[j])).Sum()) / (grads.Count - 1);
        Assert.Equal(variance, s.RowVariance, variance * 1e-9);
        var norms = grads.Select(x => Math.Sqrt(x.Sum(v => v * v))).OrderBy(v => v).ToArray();
        Assert.Equal(norms[^1], s.Quantiles.Single(q => q.Probability == 1).Norm, 1e-5 * norms[^1]);
        Assert.Equal(0.5 * (norms[149] + norms[150]), s.Quantiles.Single(q => q.Probability == 0.5).Norm, 1e-5);
        Assert.Equal(norms.Count(v => v > 1.0 + 1e-6) / 300.0, s.ClipRate, 2);
        var w50 = s.Window(50);
        Assert.Equal(6, w50.Windows);
        var means = Enumerable.Range(0, 6).Select(k => Enumerable.Range(0, p).Select(j => grads.Skip(50 * k).Take(50).Average(x => x[j])).ToArray()).ToArray();
        var centre = Enumerable.Range(0, p).Select(j => means.Average(m => m[j])).ToArray();
        double v50 = means.Sum(m => m.Select((v, j) => (v - centre[j]) * (v - centre[j])).Sum()) / 5;
        Assert.Equal(v50, w50.Variance, v50 * 1e-6);
        Assert.Equal(variance / v50, w50.Reduction, variance / v50 * 1e-6);
    }

    [Fact]
    public void Report_figures_load_as_printed_and_a_foreign_file_is_one_line()
    {
        var f = ReportFigures.Load(Path.Combine(TestSupport.RepoPaths.Root, "data", "report", "phase3-report-figures.json"));
        Assert.Equal(DiagnosticsFixtures.ReportLosses, f.EpochLosses);
        Assert.Equal(0.450, f.PredictedCurve[1]);
        Assert.Equal(0.006, f.PredictedCurve[50]);
        Assert.Equal(0.01, f.SuccessCriteria[50]);
        Assert.Equal(1e-4, f.RecommendedLearningRate);
        Assert.Equal(new EpochsToTarget(0.01, 40, 55, 0.65), f.EpochsToTarget[2]);
        using var dir = new TestSupport.TempDir();
        File.WriteAllText(dir.File("x.json"), "{\"run\": {}}");
        var e = Assert.Throws<DataFileException>(() => ReportFigures.Load(dir.File("x.json")));
        Assert.Contains("not a valid report-figures file", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
