namespace FrequencyLab.Reproduce;

/// <summary>
/// The study folder:
/// <code>
/// reproduce.json            the manifest: marks the folder as ours, options, each stage's status and wall time
/// data/train.npy, test.npy  the generated sets (seeds 1 and 2) with their sidecars; data/validation.json
/// runs/report-lr1e-3/       the report's run (TorchSharp)
/// runs/proposed-lr1e-4/     the report's proposed fix
/// sweep-lr-seed/            the learning rate × init seed sweep
/// notebooks/                every notebook executed (.ipynb + .html)
/// claims/claims.json        the claims ledger (claims/runs/MODE/: its experiments' sweeps)
/// prediction/forecasts.json the proposed fix's convergence forecasts (train loss, frozen test MSE; target 0.01)
/// learnability/              the small learnability matrix (settings.json, runs/, results.json)
/// results.json              every number and verdict the page shows (no timings: two runs give the same file)
/// index.html                the offline report page
/// </code>
/// </summary>
public sealed record ReproduceLayout(string Root)
{
    public string Manifest => Path.Combine(Root, ReproduceManifest.FileName);
    public string DataFolder => Path.Combine(Root, "data");
    public string TrainData => Path.Combine(DataFolder, "train.npy");
    public string TestData => Path.Combine(DataFolder, "test.npy");
    public string Validation => Path.Combine(DataFolder, "validation.json");
    /// <summary>The study's run store (<see cref="Grid.RunStore"/>): every training run of every stage, each distinct run
    /// once (<see cref="ReproduceContext.RunFolder"/> finds one by its config).</summary>
    public string Runs => Path.Combine(Root, "runs");
    /// <summary>The names the report's run and the proposed fix give their folders when they are the first to train them.</summary>
    public const string ReportRunName = "report-lr1e-3", ProposedRunName = "proposed-lr1e-4";
    public string Sweep => Path.Combine(Root, "sweep-lr-seed");
    public string Notebooks => Path.Combine(Root, "notebooks");
    public string ClaimsFolder => Path.Combine(Root, "claims");
    public string Claims => Path.Combine(ClaimsFolder, "claims.json");
    public string PredictionFolder => Path.Combine(Root, "prediction");
    public string Forecasts => Path.Combine(PredictionFolder, "forecasts.json");
    public string Learnability => Path.Combine(Root, "learnability");
    public string Results => Path.Combine(Root, "results.json");
    public string Index => Path.Combine(Root, "index.html");

    /// <summary>A path relative to the study folder with forward slashes, for links on the page.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
