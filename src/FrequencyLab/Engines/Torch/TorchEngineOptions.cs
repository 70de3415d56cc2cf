namespace FrequencyLab.Engines.Torch;

/// <summary>Settings of the TorchSharp engine that are not part of the training semantics.</summary>
/// <param name="Threads">
/// Intra-op threads for libtorch (<c>torch.set_num_threads</c>, process-wide). 1 by default: at batch 1 a step is a few
/// tiny kernels, where threading costs more than it gains, and a single thread makes reductions run in one fixed order.
/// Null leaves libtorch's setting alone.
/// </param>
/// <param name="Kernel">The module that computes the LSTM step: <c>nn.LSTM</c> (default, the report's) or <c>nn.LSTMCell</c>.</param>
public sealed record TorchEngineOptions(int? Threads = 1, TorchLstmKernel Kernel = TorchLstmKernel.Lstm)
{
    public static TorchEngineOptions Default { get; } = new();
}
