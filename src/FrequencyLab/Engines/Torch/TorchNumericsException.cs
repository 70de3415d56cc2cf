namespace FrequencyLab.Engines.Torch;

/// <summary>The torch engine computes a forward step this CPU gets wrong: its numbers would not be PyTorch's LSTM.</summary>
public sealed class TorchNumericsException(string message) : FrequencyLabException(message);
