#!/usr/bin/python3
"""Writes notebooks/06-what-makes-it-learnable.ipynb (nbformat 4.5, stable cell ids). Run from the repository root:
/usr/bin/python3 scripts/make_notebook06.py"""
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

def code(id, src, tags=None):
    c = new_code_cell(src, id=id)
    c.metadata = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}
    if tags: c.metadata["tags"] = tags
    return c

def md(id, src):
    return new_markdown_cell(src, id=id)

cells = [
md("title", """# 06 — What makes the task learnable?

*Which change to the task or to the trainer lets the LSTM learn the clean sinusoid beyond what S(t) alone tells — and by how much?*

Notebook 01 showed that with a phase drawn afresh for every sample, S(t) carries no information about t: no memoryless model beats predicting zero. What remains is memory acting as a clock — and the report's trainer detaches (h, c) after every row, so no gradient ever credits the state for what it carries. This notebook measures what each change buys: the **noise model** of the data (per-sample, per-series, additive Gaussian noise on the clean in-phase mixture), a **truncated-BPTT window** L (the gradient flows back through L rows), and the **reset policy** (per epoch or per frequency block), over several init seeds, each cell judged against the bounds its own data allows."""),
code("setup", """#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Plotly.NET.CSharp, 0.14.0"
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: Microsoft.Data.Analysis, 0.23.1"
#r "nuget: TorchSharp-cpu, 0.107.0"
#r "../src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll"

using System.Globalization;
using FrequencyLab.Charts;
using FrequencyLab.Learnability;

FrequencyLab.Notebooks.KernelFormatting.Register();
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;"""),
code("parameters", """var quick = false;        // true: the small labelled matrix (320 rows, 3 epochs, L ∈ {1, 40}, 3 seeds) instead of the full one (72 runs on 40,000 rows)
var matrixFolder = "";    // a folder holding a matrix (freqlab reproduce passes its own: shown, not retrained) or to keep this one's runs in (resumable); "" = memory""", tags=["parameters"]),
code("settings", """var matrix = LearnabilityMatrix.For(quick, matrixFolder);   // the matrix stored in matrixFolder if it holds one
var settings = matrix.Settings;
display(new Markdown($"Matrix: **{settings.Label}**, {settings.Cells().Count} cells × {settings.InitSeeds.Length} seeds, {settings.Epochs} epochs each, engine {settings.Engine}."));"""),
md("info-md", """## 1. What the data allows without memory

Three bounds frame every cell: **predicting zero** (the targets are unit sines, so about ½); the **best memoryless predictor** of the target from (S, frequency), fitted on the training rows — polynomials and quantile bins of S per frequency, as in notebook 01; and the **perfect clock**, which knows t and scores 0. A model that beats the memoryless bound must have learned something S(t) alone does not tell: where in the cycle it is."""),
code("bounds", """var bounds = matrix.MeasureBounds();
foreach (var b in bounds) display(LearnabilityFindings.MemorylessInformation(b));"""),
md("matrix-md", """## 2. The matrix

Every cell trains the report's model (or the quick matrix's smaller one) from each init seed and keeps the last epoch's **frozen test MSE** — the no-grad, stateful pass over the test rows, exactly as the report evaluates. The verdict rule needs every seed past a bound by a margin, so one lucky seed cannot make a cell learnable."""),
code("run", """var status = display(new Markdown("starting…"));
var results = matrix.Run(new Progress<LearnabilityProgress>(p => status.Update(new Markdown(p.ToString()))));
status.Update(new Markdown($"done: {results.Cells.Count} cells."));"""),
code("chart", """display(LearnabilityCharts.Matrix(results));"""),
code("table", """display(results.BoundsTable());
display(results.VerdictTable());"""),
md("buys-md", """## 3. What each change buys, and why

- **The noise model** decides what S(t) carries. With per-sample phases, S holds no trace of t, so the only route below the zero predictor is a clock kept in (h, c). With one phase per series, S is periodic: a memoryless map can fit the training series, but the test series (seed 2) has other phases, so what was fitted does not transfer unless the phase is inferred from the recent past. With additive noise on the in-phase mixture, S(t) itself is a noisy clock: the memoryless bound already drops below zero's, and memory can average the noise away.
- **The window L** decides whether the state can be credited: at L = 1 the gradient of each row stops at that row's input state; over L rows it reaches back L steps, the minimum for learning a clock whose period spans many rows.
- **The reset policy** decides whether a frequency block starts from a clean state (per block) or from the previous block's (per epoch), and windows never cross a per-block reset.

The findings below compare, for each noise model, the best window with L = 1 over all seeds."""),
code("windows", """foreach (var finding in LearnabilityFindings.WhatWindowsBuy(results)) display(finding);"""),
md("recommend-md", """## 4. For the task's designer

The recommendation is computed from the verdicts: keep the report's task and change the trainer if a window learns it beyond the memoryless bound; otherwise change the noise model to the one whose best cell closes most of the gap to the perfect clock; and say so when no tested change is enough within this budget (the quick matrix is far smaller than the full one, and its verdicts are of its own small task)."""),
code("recommend", """display(LearnabilityFindings.Recommendation(results));"""),
]

nb = new_notebook(cells=cells)
nb.nbformat, nb.nbformat_minor = 4, 5
nb.metadata = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#", "pygments_lexer": "csharp", "version": "10.0"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"name": "csharp", "aliases": []}]}},
}
nbformat.validate(nb)
nbformat.write(nb, "notebooks/06-what-makes-it-learnable.ipynb")
print("ok")
