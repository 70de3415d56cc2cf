using FrequencyLab.Charts;
using FrequencyLab.Claims;
using FrequencyLab.Findings;

namespace FrequencyLab.Reproduce;

/// <summary>One headline of the study: a finding computed from its results and where its evidence is on the page.</summary>
/// <param name="Id">A stable name, used as the headline's anchor.</param>
/// <param name="Finding">The verdict and its sentence, computed from the study's numbers.</param>
/// <param name="Evidence">The page anchor (or notebook page) that holds the evidence.</param>
public sealed record Headline(string Id, Finding Finding, string Evidence);

/// <summary>How the report's claims of one top-level section fared.</summary>
public sealed record SectionVerdicts(string Section, string Title, int Supported, int Contradicted, int Inconclusive);

/// <summary>
/// The study's answer, first on its page: at most <see cref="MaxHeadlines"/> findings computed from <see cref="ReproduceResults"/>
/// (whether the loss table reproduces at the report's scale, what the weights can do against what the train loss says, the
/// report's diagnosis, its fix and forecast, what the data allows, whether a fundamental limitation stands, and what makes the
/// task learnable), the key chart, and the verdicts counted per report section. Every sentence here comes from the numbers;
/// the verdicts of ledger claims are the ledger's own, so the headline and the ledger row can never disagree.
/// </summary>
public static class StudyConclusion
{
    public const int MaxHeadlines = 7;

    private static string F(double v) => Number.Format(v);

    /// <summary>The report's top-level sections, by number, as its table of contents names them.</summary>
    public static IReadOnlyDictionary<int, string> ReportSections { get; } = new Dictionary<int, string>
    {
        [1] = "Executive summary", [2] = "Root cause analysis", [3] = "Expected vs actual behavior", [4] = "Hyperparameter assessment",
        [5] = "Training strategy", [6] = "Convergence prediction", [7] = "Risk assessment and mitigation", [8] = "Long-term outlook",
        [9] = "Immediate next steps", [10] = "Technical appendix", [11] = "Phase 1 (data)", [12] = "Conclusion",
    };

    public static IReadOnlyList<Headline> Headlines(ReproduceResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = new List<Headline>();
        void FromClaim(string id, string? question = null)
        {
            if (results.Claims?.FirstOrDefault(c => c.Id == id) is { } c) list.Add(new Headline(id, ToFinding(c, question), Anchor(c.Id)));
        }
        FromClaim("loss-table-reproduces", "Does the report's loss table reproduce?");
        if (WhatTheWeightsLearned(results) is { } weights) list.Add(new Headline("weights", weights, "#key-chart"));
        FromClaim("root-cause-lr-too-high", "Is the report's diagnosis — a learning rate too high — what the experiments show?");
        if (ProposedFix(results) is { } fix) list.Add(new Headline("proposed-fix", fix, "#charts"));
        if (DataAllows(results) is { } bounds) list.Add(new Headline("data-bounds", bounds, "#numbers"));
        FromClaim("fundamental-limitation-25", "Is a fundamental limitation only a 25 % risk, as the report says?");
        if (results.Learnability is { } m) list.Add(new Headline("learnable", WhatMakesItLearnable(m), "#learnability"));
        return list.Take(MaxHeadlines).ToList();
    }

    /// <summary>What makes the task learnable: the training recipe's headline (its worst-seed MSE against the bounds and the
    /// ingredients its ablation found to matter) when the study ran it; the matrix's recommendation otherwise.</summary>
    public static Finding WhatMakesItLearnable(Learnability.LearnabilityResults matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix.Recipe is { } recipe ? Learnability.RecipeFindings.Headline(recipe, matrix.Settings) : Learnability.LearnabilityFindings.Recommendation(matrix);
    }

    /// <summary>The page anchor of a claim's ledger row.</summary>
    public static string Anchor(string claimId) => "#claim-" + claimId;

    /// <summary>A ledger claim as a finding: its verdict, explanation and rule exactly as claims.json holds them.</summary>
    public static Finding ToFinding(LedgerClaim c, string? question = null) =>
        new(question ?? c.Question ?? c.Id, ParseVerdict(c.Verdict), c.Explanation, c.Rule, [], c.Quote, c.Section);

    public static Verdict ParseVerdict(string word) => word switch
    {
        "supported" => Verdict.Supported,
        "contradicted" => Verdict.Contradicted,
        _ => Verdict.Inconclusive,
    };

    /// <summary>What the report's run taught its weights: the best epoch's frozen test MSE against the untrained model's and
    /// predicting zero, beside the epoch-1 train loss the report read as its best performance.</summary>
    public static Finding? WhatTheWeightsLearned(ReproduceResults results)
    {
        if (results.ReportRun is not { Epochs.Count: > 0 } run) return null;
        double train1 = run.Epochs[0].TrainLoss, frozen1 = run.Epochs[0].FrozenTestMse, untrained = run.UntrainedFrozenTestMse;
        var best = run.Epochs.MinBy(e => e.FrozenTestMse)!;
        double floor = Math.Min(untrained, ReportConstants.PredictZeroMse);
        bool learned = best.FrozenTestMse < floor - ClaimJudges.Margin;
        var explanation = $"The report's run ({run.Engine}, {run.Epochs.Count} epochs): the epoch-1 train loss is {F(train1)}, but the same weights, frozen, score {F(frozen1)} on the test rows; " +
                          $"the untrained model scores {F(untrained)} and predicting zero {F(ReportConstants.PredictZeroMse)}, and the best epoch (epoch {best.Epoch}) {F(best.FrozenTestMse)}. " +
                          (learned ? "Training did teach the weights something they keep." : "The weights never learned anything they keep: the low train loss is the running fit of weights that change at every row.");
        return new Finding("Did the report's run teach its weights anything?", learned ? Verdict.Supported : Verdict.Contradicted, explanation,
            $"supported when some epoch's frozen test MSE beats both the untrained model's and predicting zero ({F(ReportConstants.PredictZeroMse)}) by more than {F(ClaimJudges.Margin)}; contradicted otherwise",
            [new("train loss, epoch 1 (weights moving every row)", train1, "MSE"), new("frozen test MSE after epoch 1", frozen1, "MSE"),
             new("best frozen test MSE of any epoch", best.FrozenTestMse, "MSE"), new("untrained model's frozen test MSE (epoch 0)", untrained, "MSE"),
             new("predict zero", ReportConstants.PredictZeroMse, "MSE")],
            "The model achieved its best performance (MSE = 0.285) at the end of epoch 1", "§1");
    }

    /// <summary>The report's fix, run at the report's scale: does lr 1e-4 reach MSE &lt; 0.01 within 40–50 epochs?</summary>
    public static Finding? ProposedFix(ReproduceResults results)
    {
        if (results.ProposedRun is not { Epochs.Count: > 0 } fix) return null;
        var at = fix.Epochs[Math.Min(50, fix.Epochs.Count) - 1];
        bool reached = at.FrozenTestMse < ReportConstants.TargetMse;
        bool decided = reached || fix.Epochs.Count >= 40 || fix.Stop != "running" && fix.Stop != "cancelled";
        var verdict = reached ? Verdict.Supported : decided ? Verdict.Contradicted : Verdict.Inconclusive;
        var ledger = string.Join("; ", new[] { "forecast-lr-1e-4", "success-criteria-lr-1e-4", "mse-0-01-in-40-50-epochs" }
            .Select(id => results.Claims?.FirstOrDefault(c => c.Id == id)).Where(c => c is not null).Select(c => $"{c!.Id}: {c.Verdict}"));
        var explanation = $"The proposed fix ({fix.Engine}, lr 1e-4, {fix.Epochs.Count} of {fix.EpochBudget} epochs, {fix.Stop}) ends at a frozen test MSE of {F(at.FrozenTestMse)} " +
                          $"at epoch {at.Epoch} (train loss {F(at.TrainLoss)}; untrained {F(fix.UntrainedFrozenTestMse)}), against the report's target {F(ReportConstants.TargetMse)}." +
                          (ledger.Length > 0 ? $" The ledger's verdicts on its forecast and criteria: {ledger}." : "");
        return new Finding("Does the report's fix — lr 1e-4 — reach MSE < 0.01 within 40–50 epochs?", verdict, explanation,
            $"supported when the proposed fix's frozen test MSE is below {F(ReportConstants.TargetMse)} by epoch 50; contradicted when it is not at its last epoch and the run reached epoch 40 or stopped; otherwise inconclusive",
            [new("frozen test MSE at epoch min(50, last)", at.FrozenTestMse, "MSE"), new("train loss at that epoch", at.TrainLoss, "MSE"),
             new("epochs run", fix.Epochs.Count), new("untrained model's frozen test MSE", fix.UntrainedFrozenTestMse, "MSE")],
            "Gradual loss decrease from epoch 1 baseline (~0.28) toward target (<0.01) over 20-30 epochs", "§1");
    }

    /// <summary>What the data allows: predicting zero, the best memoryless predictor from S and the perfect clock, beside the
    /// report's noise floor (judged by the ledger's noise-floor claim, whose verdict this carries).</summary>
    public static Finding? DataAllows(ReproduceResults results)
    {
        var memoryless = results.Baselines.FirstOrDefault(b => b.Name == "best memoryless");
        var clock = results.Baselines.FirstOrDefault(b => b.Name == "perfect clock");
        var zero = results.Baselines.FirstOrDefault(b => b.Name == "zero");
        if (memoryless is null || clock is null) return null;
        var claim = results.Claims?.FirstOrDefault(c => c.Id == "noise-floor-0-01-0-02");
        var explanation = $"From S alone — any function of the current row — no predictor beats {F(memoryless.Mse)} on the test rows; predicting zero scores {F(zero?.Mse ?? ReportConstants.PredictZeroMse)}. " +
                          $"A model that knows the time (a perfect clock) scores {F(clock.Mse)}: there is no noise floor of 0.01–0.02, but reaching below {F(memoryless.Mse)} needs a clock kept in the state.";
        return new Finding("Does the data set a noise floor of 0.01–0.02 MSE, as the report says? What does it allow?", claim is null ? Verdict.Inconclusive : ParseVerdict(claim.Verdict), explanation,
            claim?.Rule ?? "the noise-floor claim was not judged in this study",
            [new("predict zero", zero?.Mse ?? ReportConstants.PredictZeroMse, "MSE"), new("best memoryless predictor from S", memoryless.Mse, "MSE"),
             new("perfect clock", clock.Mse, "MSE")],
            claim?.Quote ?? "Theoretical noise floor: ~0.01-0.02 MSE", claim?.Section ?? "§8.2");
    }

    /// <summary>Verdict counts per top-level report section, in the report's order.</summary>
    public static IReadOnlyList<SectionVerdicts> VerdictsBySection(IReadOnlyList<LedgerClaim> claims) =>
        claims.GroupBy(c => TopSection(c.Section)).OrderBy(g => g.Key)
            .Select(g => new SectionVerdicts(g.Key > 0 ? $"§{g.Key}" : "other", ReportSections.TryGetValue(g.Key, out var t) ? t : "other",
                g.Count(c => c.Verdict == "supported"), g.Count(c => c.Verdict == "contradicted"), g.Count(c => c.Verdict is not ("supported" or "contradicted"))))
            .ToList();

    /// <summary>The top-level section number of "§2.2 H1", "Phase 1 (§11)" or "§12" (0 when there is none).</summary>
    public static int TopSection(string section)
    {
        int at = section.IndexOf('§', StringComparison.Ordinal);
        if (at < 0) return 0;
        int end = at + 1;
        while (end < section.Length && char.IsAsciiDigit(section[end])) end++;
        return int.TryParse(section.AsSpan(at + 1, end - at - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The key chart: per epoch, the train loss and the frozen test MSE of the report's run and of the proposed fix,
    /// each run's untrained model at epoch 0, and the lines of predicting zero and of the report's target.</summary>
    public static ChartView? KeyChart(ReproduceResults results, string scale)
    {
        var curves = new List<LossCurve>();
        void Add(RunSummary? run, string name)
        {
            if (run is not { Epochs.Count: > 0 }) return;
            var epochs = run.Epochs.Select(e => (double)e.Epoch).ToList();
            curves.Add(new LossCurve($"{name}: train loss (weights moving)", run.Epochs.Select(e => e.TrainLoss).ToList(), epochs));
            curves.Add(new LossCurve($"{name}: frozen test MSE (epoch 0: untrained)", [run.UntrainedFrozenTestMse, .. run.Epochs.Select(e => e.FrozenTestMse)], [0, .. epochs]));
        }
        Add(results.ReportRun, "the report's run (lr 1e-3)");
        Add(results.ProposedRun, "the proposed fix (lr 1e-4)");
        if (curves.Count == 0) return null;
        // Half the page's width: it stands beside the headlines.
        return LossCharts.Epochs($"Train loss vs what the weights can do{scale}", curves,
            references: [new ReferenceLine(ReportConstants.PredictZeroMse, "predict zero"), new ReferenceLine(ReportConstants.TargetMse, "the report's target")],
            width: 530);
    }
}
