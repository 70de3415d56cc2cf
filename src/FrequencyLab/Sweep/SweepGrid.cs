using System.Globalization;
using FrequencyLab.Data;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>
/// A grid of independent L=1 runs: every combination of learning rate × init seed × reset policy × row order, each a
/// <see cref="Base"/> config with those four settings replaced. Reset policies and orders default to the base config's.
/// </summary>
public sealed record SweepGrid
{
    /// <summary>What every point shares; the fused engine and otherwise the report's run by default.</summary>
    public TrainingConfig Base { get; init; } = TrainingConfig.Report;
    public IReadOnlyList<double> LearningRates { get; init; } = [];
    public IReadOnlyList<ulong> InitSeeds { get; init; } = [];
    /// <summary>Null: the base config's reset policy only.</summary>
    public IReadOnlyList<ResetPolicy>? Resets { get; init; }
    /// <summary>Null: the base config's row order only.</summary>
    public IReadOnlyList<RowOrder>? Orders { get; init; }

    /// <summary>Points a grid may have: a sweep folder holds one run folder per point, and each index read builds them all;
    /// 10,000 runs of even the quick matrix's size is days of CPU.</summary>
    public const int MaxPoints = 10_000;

    /// <summary>Throws <see cref="InvalidSpecException"/> with one line naming the first problem; returns this grid when valid.</summary>
    public SweepGrid Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid sweep grid: {m}");
        ArgumentNullException.ThrowIfNull(Base);
        if (LearningRates is null || LearningRates.Count == 0) Fail("no learning rates");
        if (InitSeeds is null || InitSeeds.Count == 0) Fail("no init seeds");
        if (Resets is { Count: 0 }) Fail("no reset policies");
        if (Orders is { Count: 0 }) Fail("no row orders");
        long points = (long)LearningRates!.Count * InitSeeds!.Count * EffectiveResets.Count * EffectiveOrders.Count;
        if (points > MaxPoints) Fail($"{points} points, more than the {MaxPoints} a sweep may have");
        foreach (var lr in LearningRates!)
            if (!(lr > 0) || !double.IsFinite(lr)) Fail($"learning rate {lr.ToString(CultureInfo.InvariantCulture)} must be a positive number");
        foreach (var r in Resets ?? []) if (!Enum.IsDefined(r)) Fail($"unknown reset policy {r}");
        foreach (var o in Orders ?? []) if (!Enum.IsDefined(o)) Fail($"unknown row order {o}");
        Duplicate(LearningRates!.Select(FormatRate), "learning rate");
        Duplicate(InitSeeds!.Select(s => s.ToString(CultureInfo.InvariantCulture)), "init seed");
        Duplicate(EffectiveResets.Select(ResetName), "reset policy");
        Duplicate(EffectiveOrders.Select(OrderName), "row order");
        try { Base.Validate(); }
        catch (InvalidSpecException e) { Fail(e.Message); }
        return this;

        static void Duplicate(IEnumerable<string> names, string what)
        {
            var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) Fail($"{what} {twice.Key} is given twice");
        }
    }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ResetPolicy> EffectiveResets => Resets ?? [Base.Reset];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<RowOrder> EffectiveOrders => Orders ?? [Base.Data.Order];

    /// <summary>The grid's points in a fixed order (order, reset, learning rate, seed — the outer loop first).</summary>
    public IReadOnlyList<SweepPoint> Points()
    {
        Validate();
        var points = new List<SweepPoint>();
        foreach (var order in EffectiveOrders)
            foreach (var reset in EffectiveResets)
                foreach (var lr in LearningRates)
                    foreach (var seed in InitSeeds)
                    {
                        var config = Base with { LearningRate = lr, InitSeed = seed, Reset = reset, Data = Base.Data with { Order = order } };
                        points.Add(new SweepPoint(FolderName(lr, seed, reset, order), lr, seed, reset, order, config));
                    }
        return points;
    }

    /// <summary>A point's stable folder name, e.g. <c>lr=1e-3_seed=0_reset=per-epoch_order=blocks</c>.</summary>
    public static string FolderName(double learningRate, ulong initSeed, ResetPolicy reset, RowOrder order) =>
        $"lr={FormatRate(learningRate)}_seed={initSeed.ToString(CultureInfo.InvariantCulture)}_reset={ResetName(reset)}_order={OrderName(order)}";

    /// <summary>Shortest exact scientific form: 0.001 → "1e-3", 0.0025 → "2.5e-3", 1 → "1e0".</summary>
    public static string FormatRate(double value)
    {
        var s = value.ToString("E16", CultureInfo.InvariantCulture); // d.ddddE+xxx
        var mantissa = double.Parse(s[..s.IndexOf('E')], CultureInfo.InvariantCulture);
        int exponent = int.Parse(s[(s.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        // Round-trip the mantissa with the fewest digits that still gives back the same double.
        for (int digits = 0; digits <= 16; digits++)
        {
            var m = mantissa.ToString("F" + digits, CultureInfo.InvariantCulture);
            var candidate = $"{m}e{exponent}";
            if (double.Parse(candidate, CultureInfo.InvariantCulture) == value) return candidate;
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The CLI's name of a reset policy: per-epoch, per-block, never, stateless.</summary>
    public static string ResetName(ResetPolicy reset) => reset switch
    {
        ResetPolicy.PerEpoch => "per-epoch",
        ResetPolicy.PerBlock => "per-block",
        ResetPolicy.Never => "never",
        ResetPolicy.Stateless => "stateless",
        _ => reset.ToString(),
    };

    /// <summary>The CLI's name of a row order: blocks, interleaved.</summary>
    public static string OrderName(RowOrder order) => order == RowOrder.Interleaved ? "interleaved" : "blocks";
}
