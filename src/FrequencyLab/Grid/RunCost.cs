using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>What training runs cost relative to one another, for the order a batch starts them in and for ETAs. One unit is
/// one epoch of the report's run on the fused engine: 40,000 training rows and the two frozen passes, H = 64.</summary>
/// <remarks>Calibrated on the full study's run store (2026-12-05, `scripts/profile_store.py`): a step's cost grows about as H²
/// (W_hh and Adam over it; per epoch H 32 0.37×, H 128 3.0× the H 64 epoch); of an L = 1 epoch about 0.6 is the optimizer
/// step after every row and 0.4 the forward, backward and frozen passes, so accumulating A rows per step or a window of L
/// rows (whose backward through time adds about 0.2) cuts the first part to 1/(A·L) (measured: accumulate-10 0.51×, the
/// recipe's L = 300 0.70×); a TorchSharp step costs about 30 fused ones (`freqlab bench`: 15–40 CPU-s per epoch against
/// 0.3–0.5).</remarks>
public static class RunCost
{
    /// <summary>A TorchSharp epoch in fused epochs of the same shape.</summary>
    public const double TorchFactor = 30;

    /// <summary>Rows one epoch processes, from the config (before the rows are loaded): training, then the two frozen passes.</summary>
    public static long RowsPerEpoch(TrainingConfig config)
    {
        long rows = (long)config.Data.Spec.SampleCount * config.Data.Spec.FrequencyCount;
        if (config.Data.MaxRows is { } max) rows = Math.Min(rows, max);
        return 3 * rows;
    }

    /// <summary>One epoch of <paramref name="config"/>, in units of the report's fused epoch.</summary>
    public static double PerEpoch(TrainingConfig config)
    {
        double rowsPerStep = (double)Math.Max(config.Window, 1) * Math.Max(config.AccumulationSteps, 1);
        double perRow = 0.4 + (config.Window > 1 ? 0.2 : 0) + 0.6 / rowsPerStep;
        return RowsPerEpoch(config) / (3.0 * 40_000) * Math.Pow(config.HiddenSize / 64.0, 2) * perRow
            * (config.Engine == "torch" ? TorchFactor : 1);
    }

    /// <summary>The cost of training <paramref name="runs"/> into a store where the runs in <paramref name="planned"/> (key →
    /// epochs) are already trained or planned: a run of a planned key costs only the epochs past the longest planned one
    /// (<see cref="RunKey"/>). Adds the runs to <paramref name="planned"/>.</summary>
    public static double Planned(IEnumerable<GridRun> runs, IDictionary<string, int> planned)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(planned);
        double cost = 0;
        foreach (var run in runs)
        {
            string key = RunKey.Of(run.Config);
            int before = planned.TryGetValue(key, out int e) ? e : 0;
            if (run.Config.Epochs <= before) continue;
            cost += (run.Config.Epochs - before) * PerEpoch(run.Config);
            planned[key] = run.Config.Epochs;
        }
        return cost;
    }
}
