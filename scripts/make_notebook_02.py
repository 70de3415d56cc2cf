#!/usr/bin/env python3
"""Writes notebooks/02-divergence-diagnosis.ipynb (nbformat 4.5, cell ids, .NET kernel metadata).

Rerun after editing the cells here; the notebook file is what the tests and users run.
"""
import json
import pathlib

CODE_META = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}


def md(cell_id, text):
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)}


def code(cell_id, text, tags=None):
    meta = json.loads(json.dumps(CODE_META))
    if tags:
        meta["tags"] = tags
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": meta, "outputs": [],
            "source": text.strip("\n").splitlines(keepends=True)}


cells = [
    md("title", """
# 02 — Divergence diagnosis

*Why did the report's train loss rise after epoch 1, and does its diagnosis (learning rate too high) hold?*

The report trained its L=1 LSTM for five epochs at lr = 1e-3 and printed a table: best loss 0.285 at epoch 1, then *"+42.5 %"* at epoch 2 and *"monotonic degradation"*. It weighed five hypotheses — H1 learning rate too high (85 %), H2 Adam state accumulation (30 %), H3 state reset at epoch boundaries (15 %), H4 per-sample noise and catastrophic forgetting (60 %), H5 lucky initialization (100 %) — and named H1 the root cause. Each hypothesis is a claim about an experiment we can run. This notebook reruns the report's run over several init seeds, then tests H1–H5 one by one with the rules of the claims ledger (`freqlab claims`, `data/report-claims.json`): every verdict below is computed from the measured numbers.
"""),
    code("setup", """
#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Plotly.NET.CSharp, 0.14.0"
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: Microsoft.Data.Analysis, 0.23.1"
#r "nuget: TorchSharp-cpu, 0.107.0"
#r "../src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll"

using System.Globalization;
using FrequencyLab.Charts;
using FrequencyLab.Claims;
using FrequencyLab.Findings;

// Charts and tables display as HTML in VS Code's .NET Interactive kernel; under the headless runner this does nothing.
FrequencyLab.Notebooks.KernelFormatting.Register();
// Numbers in the prose read the same on every machine.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
"""),
    code("parameters", """
var quick = false;     // true: 0.5 s of signal (2,000 rows per epoch) instead of the report's 10 s (40,000 rows); same seeds and epochs
var ledgerRuns = "";   // a claims ledger's runs folder (freqlab reproduce passes its own): show the runs it judged instead of training here
""", tags=["parameters"]),
    md("run-md", """
## 1. The report's run, rerun over init seeds

The report's configuration — Adam at lr 1e-3, clip 1.0, hidden size 64, state reset at each epoch start, rows in frequency blocks — is run for five epochs once per init seed, on the fused engine (the same step as PyTorch's, see `docs/fused-engine.md`). The same cell runs the interventions H1–H4 need, so every comparison below is paired by seed.

Two losses are recorded after every epoch, and the difference between them is the heart of this notebook:

- the **train loss** (the report's table): the mean over the epoch of each row's loss, measured *just before that row's own update*, while the weights change at every row;
- the **frozen MSE**: a separate pass over the rows with the weights *fixed* at the end of the epoch (no updates, the same stateful reset policy) — what the trained model can actually do, on the training rows and on the test rows (new noise).
"""),
    code("run", """
var settings = DivergenceStudy.Settings(quick, ledgerRuns);
display(new Markdown(settings.Label));
var progress = display(new Markdown("Starting…"));
var evidence = DivergenceStudy.Run(settings, line => progress.Update(new Markdown(line)), ledgerRuns);
"""),
    code("report-chart", """
// Dashed black: the report's table. Solid: each seed's train loss. Dashed colours: each seed's frozen test MSE.
display(DivergenceCharts.ReportRun(evidence));
"""),
    code("report-findings", """
foreach (var id in new[] { "loss-table-reproduces", "loss-table-best-epoch-1", "loss-table-jump-epoch-2", "loss-table-monotonic" })
    display(DivergenceStudy.Claim(id, evidence));
"""),
    md("frozen-md", """
## 2. The train loss is not what the weights can do

The report reads its epoch-1 train loss as *"best performance (MSE = 0.285)"*. But a row's loss is taken before its update with weights that have just been fitted to the rows before it; with an L=1 model trained one row at a time, the weights can follow the target as it goes — a running fit, not a learned mapping. The frozen pass asks what the weights after epoch 1 do when they are no longer updated.
"""),
    code("frozen-finding", """
display(DivergenceStudy.Claim("best-performance-is-model-quality", evidence));
"""),
    md("h1-md", """
## 3. H1 — the learning rate is too high

If a step size of 1e-3 overshoots, smaller steps should make the rise disappear. The quantity every hypothesis explains is the **degradation D** = mean train loss of epochs 2–5 minus the epoch-1 train loss (positive: the loss rose). An intervention removes the cause when it shrinks D by more than 0.01 (the report's target MSE) in every seed, paired by seed. The lr sweep runs 1e-2, 1e-3, 1e-4 and 1e-5.
"""),
    code("h1", """
display(DivergenceCharts.LearningRates(evidence));
display(DivergenceCharts.Degradation(evidence, "H1: degradation D per learning rate",
    LedgerExperiments.Lr1e2, LedgerExperiments.Lr1e3, LedgerExperiments.Lr1e4, LedgerExperiments.Lr1e5));
display(DivergenceStudy.Claim("h1-lr-too-high", evidence));
"""),
    md("h2-md", """
## 4. H2 — Adam's accumulated state

If Adam's moments from epoch 1 mislead the updates of epoch 2, forgetting them at every epoch start (`ResetOptimizerEachEpoch`) should shrink D.
"""),
    code("h2", """
display(DivergenceCharts.Degradation(evidence, "H2: degradation D with and without resetting Adam each epoch",
    LedgerExperiments.Lr1e3, LedgerExperiments.OptimizerReset));
display(DivergenceStudy.Claim("h2-adam-state", evidence));
"""),
    md("h3-md", """
## 5. H3 — the state reset at epoch boundaries

If zeroing (h, c) at each epoch start disrupts learning, never resetting it should shrink D. Resetting at every change of frequency and before every row (stateless) are shown for scale.
"""),
    code("h3", """
display(DivergenceCharts.Degradation(evidence, "H3: degradation D per state-reset policy",
    LedgerExperiments.Lr1e3, LedgerExperiments.ResetPerBlock, LedgerExperiments.ResetNever, LedgerExperiments.ResetStateless));
display(DivergenceStudy.Claim("h3-state-reset", evidence));
"""),
    md("h4-md", """
## 6. H4 — per-sample noise and catastrophic forgetting

Two readings of H4, two experiments: if the per-sample draws of A and φ make every update a different task, drawing them once per series should shrink D; if the model forgets one frequency while it trains on the next block, interleaving the frequencies should.
"""),
    code("h4", """
display(DivergenceCharts.Degradation(evidence, "H4: degradation D with per-series noise and with interleaved rows",
    LedgerExperiments.Lr1e3, LedgerExperiments.PerSeriesNoise, LedgerExperiments.Interleaved));
display(DivergenceStudy.Claim("h4-noise-forgetting", evidence));
display(DivergenceStudy.Claim("h4-block-forgetting", evidence));
"""),
    md("h5-md", """
## 7. H5 — a lucky initialization

The report calls the epoch-1 figure *"a statistical fluke, not learned behavior"* of the random initialization. Then the untrained model (epoch 0) should already reach it: its frozen MSE is measured for every init seed.
"""),
    code("h5", """
display(DivergenceCharts.LuckyInitialization(evidence));
display(DivergenceStudy.Claim("h5-lucky-init", evidence));
"""),
    md("cause-md", """
## 8. What the evidence says the cause is

The report's root cause is tested against all the interventions together: it stands if lowering the learning rate removes the rise and nothing else does. The finding also says whether the frozen MSE — what the weights can do — moved at all while the train loss rose.
"""),
    code("cause", """
display(DivergenceStudy.Cause(evidence));
"""),
]

nb = {
    "cells": cells,
    "metadata": {
        "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#", "pygments_lexer": "csharp", "version": "10.0"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"name": "csharp", "aliases": []}]}},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}
path = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "02-divergence-diagnosis.ipynb"
path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
import nbformat  # noqa: E402  (validate as written)
nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT))
print(path)
