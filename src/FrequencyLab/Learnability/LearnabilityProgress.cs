using FrequencyLab.Grid;

namespace FrequencyLab.Learnability;

/// <summary>Where the matrix is: the grid's roll-up (<see cref="GridProgress"/>) and the runs that just finished, as the
/// matrix keeps them.</summary>
public sealed record LearnabilityProgress(GridProgress Grid, IReadOnlyList<SeedRun>? Finished)
{
    /// <summary>Fraction of this session's rows done (1 when nothing is left to train).</summary>
    public double Fraction => Grid.RowsTotal > 0 ? Math.Clamp((double)Grid.RowsDone / Grid.RowsTotal, 0, 1) : 1;

    public override string ToString() =>
        $"runs {Grid.RunsDone}/{Grid.RunsTotal} done, {Grid.RunsRunning} running, {Fraction:P0} of the rows"
        + (Grid.Eta is { } eta ? $", about {eta:h\\:mm\\:ss} left" : "");
}
