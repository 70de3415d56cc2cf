using FrequencyLab.Charts;

namespace FrequencyLab.Claims;

/// <summary>Notebook 02's charts, drawn from the evidence with the shared chart builders.</summary>
public static class DivergenceCharts
{
    /// <summary>The report's table beside the rerun: every seed's train loss (weights moving every row) and frozen test MSE
    /// (the weights after the epoch, no updates).</summary>
    public static ChartView ReportRun(LedgerEvidence evidence)
    {
        var key = LedgerExperiments.ReportRun(evidence.Settings);
        var runs = evidence.RunsOf(key) ?? throw new FrequencyLabException($"the report's run ({key}) was not run");
        var curves = new List<LossCurve> { new("the report's table (train loss)", ReportConstants.EpochLosses, Dashed: true) };
        foreach (var h in runs)
        {
            curves.Add(new LossCurve($"seed {h.Config.InitSeed}: train loss", h.Epochs.Select(e => e.TrainLoss).ToArray()));
            curves.Add(new LossCurve($"seed {h.Config.InitSeed}: frozen test MSE", h.Epochs.Select(e => e.FrozenTest.Mse).ToArray(), Dashed: true));
        }
        curves.Add(new LossCurve("untrained frozen test MSE (median over seeds)", [evidence.UntrainedOf(key).Median], [0]));
        return LossCharts.Epochs("lr 1e-3: the report's train loss, the rerun's train loss and frozen test MSE", curves, logY: false,
            lossAxis: new AxisLabel("MSE"));
    }

    /// <summary>The degradation D (mean train loss of epochs 2–5 − epoch 1) of each experiment, one bar per seed.</summary>
    public static ChartView Degradation(LedgerEvidence evidence, string title, params string[] keys)
    {
        var present = keys.Where(k => evidence.Degradation(k) is not null).ToArray();
        if (present.Length == 0) throw new FrequencyLabException($"none of {string.Join(", ", keys)} was run");
        var seeds = evidence.Settings.InitSeeds;
        var series = seeds.Select((s, i) => new BarSeries($"seed {s}", present.Select(k => evidence.Degradation(k)!.Values[i]).ToArray())).ToArray();
        return BarCharts.Grouped(title, present.Select(k => evidence.Experiments[k].Description).ToArray(), series,
            new AxisLabel("experiment"), new AxisLabel("D = mean train loss of epochs 2–5 − epoch 1"),
            referenceLines: [new ReferenceLine(0, "no rise")]);
    }

    /// <summary>Train loss per epoch of each learning rate (median over seeds) beside its frozen test MSE.</summary>
    public static ChartView LearningRates(LedgerEvidence evidence)
    {
        var curves = new List<LossCurve>();
        foreach (var key in new[] { LedgerExperiments.Lr1e2, LedgerExperiments.Lr1e3, LedgerExperiments.Lr1e4, LedgerExperiments.Lr1e5 })
        {
            if (evidence.RunsOf(key) is not { } runs) continue;
            int epochs = runs.Min(h => h.Epochs.Count);
            double Median(Func<Training.EpochRecord, double> f, int e) => Stats.Median(runs.Select(h => f(h.Epochs[e])).ToArray());
            curves.Add(new LossCurve($"{evidence.Experiments[key].Description}: train loss", Enumerable.Range(0, epochs).Select(e => Median(x => x.TrainLoss, e)).ToArray()));
            curves.Add(new LossCurve($"{evidence.Experiments[key].Description}: frozen test MSE", Enumerable.Range(0, epochs).Select(e => Median(x => x.FrozenTest.Mse, e)).ToArray(), Dashed: true));
        }
        return LossCharts.Epochs("Learning-rate sweep (median over init seeds)", curves, logY: false, lossAxis: new AxisLabel("MSE"));
    }

    /// <summary>H5: the untrained model's frozen MSE per seed beside the epoch-1 train loss and frozen MSE, and the report's 0.285.</summary>
    public static ChartView LuckyInitialization(LedgerEvidence evidence)
    {
        var key = LedgerExperiments.ReportRun(evidence.Settings);
        var runs = evidence.RunsOf(key) ?? throw new FrequencyLabException($"the report's run ({key}) was not run");
        var seeds = runs.Select(h => $"seed {h.Config.InitSeed}").ToArray();
        return BarCharts.Grouped("H5: before any update vs after epoch 1", seeds,
            [
                new BarSeries("untrained frozen test MSE (epoch 0)", evidence.UntrainedOf(key).Values.ToArray()),
                new BarSeries("epoch-1 train loss", runs.Select(h => h.Epochs[0].TrainLoss).ToArray()),
                new BarSeries("frozen test MSE after epoch 1", runs.Select(h => h.Epochs[0].FrozenTest.Mse).ToArray()),
            ],
            new AxisLabel("init seed"), new AxisLabel("MSE"), referenceLines: [new ReferenceLine(ReportConstants.BestMse, "report: 0.285")]);
    }
}
