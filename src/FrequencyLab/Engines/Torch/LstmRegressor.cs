using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// The report's model as TorchSharp modules: <c>lstm = nn.LSTM(I, H, num_layers=1)</c> and <c>fc = nn.Linear(H, 1)</c>,
/// float32 on CPU. Field names give PyTorch's state_dict keys (lstm.weight_ih_l0 … fc.bias).
/// </summary>
internal sealed class LstmRegressor : nn.Module
{
    // Field names are the module names in named_parameters(): they must stay "lstm" and "fc".
    private readonly LSTM lstm;
    private readonly Linear fc;

    public LstmRegressor(int inputSize, int hiddenSize) : base(nameof(LstmRegressor))
    {
        lstm = nn.LSTM(inputSize, hiddenSize, numLayers: 1);
        fc = nn.Linear(hiddenSize, 1);
        RegisterComponents();
    }

    /// <summary>One time step for one sample.</summary>
    /// <param name="x">(1, 1, I): seq 1, batch 1.</param>
    /// <param name="h">(1, 1, H) carried hidden state.</param>
    /// <param name="c">(1, 1, H) carried cell state.</param>
    /// <returns>ŷ (1, 1, 1) and the new (h, c), each (1, 1, H).</returns>
    public (Tensor y, Tensor h, Tensor c) Step(Tensor x, Tensor h, Tensor c)
    {
        var (output, hN, cN) = lstm.forward(x, (h, c));
        return (fc.forward(output), hN, cN);
    }
}
