namespace FrequencyLab.Reproduce;

/// <summary>
/// Every notebook of the checkout's notebooks/ folder executed headlessly into the study's notebooks/ folder (.ipynb and
/// offline .html), in quick or full mode. A notebook is given the study's results for every study parameter its parameters
/// cell declares — <c>runDir</c> the proposed-fix run, <c>ledgerRuns</c> the claims ledger's runs, <c>matrixFolder</c> the
/// learnability matrix — so it shows what this study measured (the very runs the page's verdicts come from) instead of
/// training its own. The notebooks run on <see cref="ReproduceOptions.Notebooks"/> (the headless runner of FrequencyLab.Notebooks).
/// </summary>
public sealed class NotebooksStage : IReproduceStage
{
    /// <summary>The parameter a notebook declares to read a run folder of the study (the proposed fix).</summary>
    public const string RunDirParameter = "runDir";

    /// <summary>The parameter a notebook declares to read the claims ledger's runs folder.</summary>
    public const string LedgerRunsParameter = "ledgerRuns";

    /// <summary>The parameter a notebook declares to read the learnability matrix's folder.</summary>
    public const string MatrixFolderParameter = "matrixFolder";

    public string Name => "notebooks";
    public string Title => "notebooks";
    public int Runs(ReproduceContext context) => Sources(context).Count;

    /// <summary>About 20 fused epochs of work per notebook (the full study: 59 CPU-s for seven against about 0.42 CPU-s per
    /// fused epoch of the report's run; measured 2026-12-05).</summary>
    public double OtherWork(ReproduceContext context) => 20 * Sources(context).Count;

    public string Fingerprint(ReproduceContext context) => ReproduceContext.Hash(
        [Name, context.Profile.NotebooksQuick ? "quick" : "full", ReproduceContext.HashFile(Path.Combine(context.ProposedRunFolder, "history.json")),
         ReproduceContext.HashFile(context.Layout.Claims), ReproduceContext.HashFile(LearnabilityStage.Matrix(context).ResultsPath),
         ReproduceContext.HashFile(typeof(NotebooksStage).Assembly.Location), ReproduceContext.HashFile(Executor(context).GetType().Assembly.Location),
         .. Sources(context).Select(ReproduceContext.HashFile)]);

    public bool OutputsExist(ReproduceContext context) =>
        Sources(context).All(s => File.Exists(Path.Combine(context.Layout.Notebooks, Path.GetFileName(s))));

    /// <summary>The notebooks to run, in name order.</summary>
    public static IReadOnlyList<string> Sources(ReproduceContext context) =>
        Directory.GetFiles(Path.Combine(context.Options.RepositoryRoot, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var sources = Sources(context);
        var executor = Executor(context);
        var failures = new List<string>();
        for (int i = 0; i < sources.Count; i++)
        {
            var name = Path.GetFileName(sources[i]);
            int done = i;
            var failure = executor.Run(sources[i], context.Layout.Notebooks, Parameters(context, sources[i]), (cell, cells) => progress.Report(
                new StageProgress(done, (done + (double)cell / Math.Max(1, cells)) / sources.Count, $"{name} cell {cell}/{cells}")), cancellationToken);
            if (failure is not null) failures.Add($"{name} {failure}");
            progress.Report(new StageProgress(i + 1, (i + 1.0) / sources.Count, name));
        }
        if (failures.Count > 0) throw new FrequencyLabException($"notebook failed: {string.Join("; ", failures)}");
        return $"{sources.Count} notebooks executed in {(context.Profile.NotebooksQuick ? "quick" : "full")} mode";
    }

    private static INotebookExecutor Executor(ReproduceContext context) => context.Options.Notebooks
        ?? throw new FrequencyLabException("reproduce: the notebooks stage needs a notebook runner (ReproduceOptions.Notebooks, from FrequencyLab.Notebooks)");

    /// <summary>quick = true|false, and each study parameter (<see cref="StudyParameters"/>) the notebook's parameters cell declares.</summary>
    public static IReadOnlyList<StudyNotebookParameter> Parameters(ReproduceContext context, string notebookPath)
    {
        var parameters = new List<StudyNotebookParameter> { new("quick", context.Profile.NotebooksQuick) };
        var cell = Executor(context).ParametersCell(notebookPath);
        if (cell is null) return parameters;
        foreach (var (name, value) in StudyParameters(context))
            if (System.Text.RegularExpressions.Regex.IsMatch(cell, $@"\b{name}\b")) parameters.Add(new(name, value));
        return parameters;
    }

    /// <summary>The study's results a notebook can be pointed at, by parameter name.</summary>
    public static IReadOnlyList<(string Name, string Value)> StudyParameters(ReproduceContext context) =>
    [
        (RunDirParameter, context.ProposedRunFolder),
        (LedgerRunsParameter, Claims.LedgerRunsFolder.For(ClaimsStage.RunsFolder(context), ClaimsStage.Settings(context))),
        (MatrixFolderParameter, context.Layout.Learnability),
    ];
}
