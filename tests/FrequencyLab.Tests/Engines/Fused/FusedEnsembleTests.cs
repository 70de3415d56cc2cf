using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Engines.Fused;

public class FusedEnsembleTests
{
    private static (float[] X, float[] Y) Rows(int count)
    {
        var data = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Interleaved);
        return (data.InputsAsSingle()[..(count * data.InputWidth)], data.TargetsAsSingle()[..count]);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 1, 2)]
    [InlineData(OptimizerKind.Adam, 3, 2)]
    [InlineData(OptimizerKind.Sgd, 1, 3)]
    [InlineData(OptimizerKind.Adam, 1, 1)]
    public void Every_member_is_bit_identical_to_running_it_alone(OptimizerKind kind, int accumulate, int workers)
    {
        var shape = new ModelShape(5, 24);
        var optimizer = new OptimizerSettings(kind);
        ulong[] seeds = [1, 2, 3, 4, 5];
        float[] rates = [1e-3f, 3e-3f, 1e-2f, 1e-3f, 3e-4f];
        var (x, y) = Rows(1_200);
        int half = 600;
        float[] xa = x[..(half * 5)], ya = y[..half], xb = x[(half * 5)..], yb = y[half..];

        using var ensemble = new FusedEnsemble(shape, optimizer, [.. seeds.Select(s => ModelInitializer.PyTorchDefault(shape, s))], workers);
        var lossesA = new float[seeds.Length * half];
        var lossesB = new float[seeds.Length * half];
        var meansA = ensemble.Train(xa, ya, rates, 0.5f, lossesA, accumulate);
        ensemble.ResetTrainState();
        var meansB = ensemble.Train(xb, yb, rates, 0.5f, lossesB, accumulate);
        var predictions = new float[seeds.Length * half];
        var mse = ensemble.Evaluate(xb, yb, predictions: predictions);

        for (int k = 0; k < seeds.Length; k++)
        {
            using var alone = new FusedEngine(shape, optimizer, ModelInitializer.PyTorchDefault(shape, seeds[k]));
            var single = new float[half];
            for (int r = 0; r < half; r++)
            {
                single[r] = alone.ForwardBackward(xa.AsSpan(r * 5, 5), ya[r], 1f / accumulate);
                if ((r + 1) % accumulate == 0) alone.OptimizerStep(rates[k], 0.5f);
            }
            Assert.Equal(single, lossesA.AsSpan(k * half, half).ToArray());
            Assert.Equal(single.Average(v => (double)v), meansA[k], 12);
            alone.ResetTrainState();
            for (int r = 0; r < half; r++)
            {
                single[r] = alone.ForwardBackward(xb.AsSpan(r * 5, 5), yb[r], 1f / accumulate);
                if ((r + 1) % accumulate == 0) alone.OptimizerStep(rates[k], 0.5f);
            }
            Assert.Equal(single, lossesB.AsSpan(k * half, half).ToArray());
            Assert.Equal(alone.Weights(), ensemble.Members[k].Weights());
            Assert.Equal(alone.Snapshot().FirstMoment, ensemble.Members[k].Snapshot().FirstMoment);

            alone.ResetEvalState();
            double sum = 0;
            for (int r = 0; r < half; r++)
            {
                float p = alone.Predict(xb.AsSpan(r * 5, 5));
                Assert.Equal(p, predictions[k * half + r]);
                sum += (double)(p - yb[r]) * (p - yb[r]);
            }
            Assert.Equal(sum / half, mse[k], 12);
        }
        // Members really differ (different seeds and rates), so the comparison above is not trivially equal.
        Assert.NotEqual(ensemble.Members[0].Weights(), ensemble.Members[3].Weights());
        Assert.True(meansB.All(double.IsFinite));
    }

    [Fact]
    public void Cancellation_stops_a_pass()
    {
        var shape = new ModelShape(5, 8);
        var (x, y) = Rows(4_000);
        using var ensemble = new FusedEnsemble(shape, OptimizerSettings.Report, [ModelInitializer.PyTorchDefault(shape, 1), ModelInitializer.PyTorchDefault(shape, 2)], 2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ensemble.Train(x, y, [1e-3f, 1e-3f], 1f, cancellationToken: cts.Token));
    }

    [Fact]
    public void Mismatched_arguments_are_rejected()
    {
        var shape = new ModelShape(5, 8);
        var (x, y) = Rows(10);
        using var ensemble = new FusedEnsemble(shape, OptimizerSettings.Report, [ModelInitializer.PyTorchDefault(shape, 1)], 1);
        Assert.Throws<ArgumentException>(() => ensemble.Train(x, y, [1e-3f, 1e-3f], 1f));
        Assert.Throws<ArgumentException>(() => ensemble.Train(x[..7], y, [1e-3f], 1f));
        Assert.Throws<ArgumentException>(() => new FusedEnsemble(shape, OptimizerSettings.Report, [], 1));
    }
}
