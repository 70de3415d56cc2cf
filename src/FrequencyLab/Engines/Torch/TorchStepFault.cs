namespace FrequencyLab.Engines.Torch;

/// <summary>
/// A deliberate error added to ŷ of one of the torch engine's forward paths: the seam tests use to show that the numerics
/// guard refuses a wrong engine (no real CPU here has a wrong kernel to show it with). Never set outside tests.
/// </summary>
/// <param name="Training">Added to ŷ of the training (autograd) forward.</param>
/// <param name="Evaluation">Added to ŷ of the evaluation (no-grad) forward.</param>
internal sealed record TorchStepFault(float Training = 0, float Evaluation = 0);
