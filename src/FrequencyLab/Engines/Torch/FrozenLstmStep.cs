using TorchSharp;
using static TorchSharp.torch;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// The torch engine's evaluation (no-grad) step: PyTorch's LSTM cell written in plain ATen ops on the model's own
/// parameter tensors — the ops and order of libtorch's <c>at::lstm_cell</c> (what <c>nn.LSTMCell</c> runs on CPU).
/// </summary>
/// <remarks>
/// Why not <c>nn.LSTM</c> under <c>no_grad</c>, the obvious frozen pass: in libtorch 2.10 (TorchSharp-cpu 0.107.0) a float32
/// <c>nn.LSTM</c> on CPU runs through oneDNN, whose no-grad ("forward_inference") primitive picks a JIT kernel by the CPU's
/// ISA. Its AVX-512 kernel returns wrong h, c and ŷ for most hidden sizes (H = 8: ŷ −0.4255 instead of −0.4594); its AVX2
/// kernel is right. These ops touch no oneDNN RNN kernel on any CPU, are the exact function the report's model defines,
/// and cost half of what the oneDNN path did (docs/torch-numerics.md has the options weighed and the timings).
/// </remarks>
internal static class FrozenLstmStep
{
    /// <summary>One step for one sample; call under <c>no_grad</c>.</summary>
    /// <param name="x">(1, 1, I).</param>
    /// <param name="h">(1, 1, H) carried hidden state.</param>
    /// <param name="c">(1, 1, H) carried cell state.</param>
    /// <param name="parameters">The six tensors in <see cref="Model.ParameterLayout"/> order: W_ih (4H, I), W_hh (4H, H),
    /// b_ih (4H), b_hh (4H), w (1, H), b (1).</param>
    /// <returns>ŷ (1, 1, 1) and the new (h, c), each (1, 1, H).</returns>
    public static (Tensor y, Tensor h, Tensor c) Forward(Tensor x, Tensor h, Tensor c, IReadOnlyList<Tensor> parameters)
    {
        long inputSize = x.shape[^1], hiddenSize = h.shape[^1];
        var gates = nn.functional.linear(x.view(1, inputSize), parameters[0], parameters[2])
            .add_(nn.functional.linear(h.view(1, hiddenSize), parameters[1], parameters[3]));   // (1, 4H): i, f, g, o
        var chunks = gates.chunk(4, 1);
        var input = chunks[0].sigmoid();
        var forget = chunks[1].sigmoid();
        var candidate = chunks[2].tanh();
        var output = chunks[3].sigmoid();
        var c1 = forget.mul(c.view(1, hiddenSize)).add_(input.mul(candidate));                   // (1, H)
        var h1 = output.mul(c1.tanh());                                                          // (1, H)
        var y = nn.functional.linear(h1, parameters[4], parameters[5]);                          // (1, 1)
        return (y.view(1, 1, 1), h1.view(1, 1, hiddenSize), c1.view(1, 1, hiddenSize));
    }
}
