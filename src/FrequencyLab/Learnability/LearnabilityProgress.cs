using FrequencyLab.Training;

namespace FrequencyLab.Learnability;

/// <summary>Where the matrix is: run <see cref="Run"/> of <see cref="Runs"/> (1-based), its cell and seed, and the run's own progress.</summary>
public sealed record LearnabilityProgress(int Run, int Runs, LearnabilityCell Cell, ulong InitSeed, bool Reused, TrainingProgress? Training)
{
    public override string ToString() =>
        $"run {Run}/{Runs}: {Cell}, seed {InitSeed}{(Reused ? " (stored)" : Training is { } t ? $", epoch {t.Epoch}/{t.Epochs}" : "")}";
}
