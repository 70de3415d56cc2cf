using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// The report's model as TorchSharp modules: <c>lstm = nn.LSTM(I, H, num_layers=1)</c> (or <c>nn.LSTMCell(I, H)</c>) and
/// <c>fc = nn.Linear(H, 1)</c>, float32 on CPU. Field names give the state_dict keys (lstm.weight_ih_l0 … fc.bias).
/// </summary>
internal sealed class LstmRegressor : nn.Module
{
    // Field names are the module names in named_parameters(): they must stay "lstm" and "fc".
    private readonly nn.Module lstm;
    private readonly Linear fc;
    private readonly int _inputSize, _hiddenSize;

    public LstmRegressor(int inputSize, int hiddenSize, TorchLstmKernel kernel) : base(nameof(LstmRegressor))
    {
        _inputSize = inputSize;
        _hiddenSize = hiddenSize;
        lstm = kernel == TorchLstmKernel.Lstm ? nn.LSTM(inputSize, hiddenSize, numLayers: 1) : nn.LSTMCell(inputSize, hiddenSize);
        fc = nn.Linear(hiddenSize, 1);
        RegisterComponents();
    }

    /// <summary>The module's name for a <see cref="Model.ParameterLayout"/> name: nn.LSTMCell has no layer suffix.</summary>
    public string ModuleName(string layoutName) => lstm is LSTMCell ? layoutName.Replace("_l0", "", StringComparison.Ordinal) : layoutName;

    /// <summary>One time step for one sample.</summary>
    /// <param name="x">(1, 1, I): seq 1, batch 1.</param>
    /// <param name="h">(1, 1, H) carried hidden state.</param>
    /// <param name="c">(1, 1, H) carried cell state.</param>
    /// <returns>ŷ (1, 1, 1) and the new (h, c), each (1, 1, H).</returns>
    public (Tensor y, Tensor h, Tensor c) Step(Tensor x, Tensor h, Tensor c)
    {
        if (lstm is LSTM sequence)
        {
            var (output, hN, cN) = sequence.forward(x, (h, c));
            return (fc.forward(output), hN, cN);
        }
        var (h1, c1) = ((LSTMCell)lstm).forward(x.view(1, _inputSize), (h.view(1, _hiddenSize), c.view(1, _hiddenSize)));
        return (fc.forward(h1).view(1, 1, 1), h1.view(1, 1, _hiddenSize), c1.view(1, 1, _hiddenSize));
    }

    /// <summary>L time steps for one sample, the graph kept through all of them (truncated BPTT's forward).</summary>
    /// <param name="x">(L, 1, I).</param>
    /// <param name="h">(1, 1, H) hidden state before the first step.</param>
    /// <param name="c">(1, 1, H) cell state before the first step.</param>
    /// <returns>ŷ (L, 1, 1) and the last (h, c), each (1, 1, H).</returns>
    public (Tensor y, Tensor h, Tensor c) Sequence(Tensor x, Tensor h, Tensor c)
    {
        if (lstm is LSTM sequence)
        {
            var (output, hN, cN) = sequence.forward(x, (h, c));
            return (fc.forward(output), hN, cN);
        }
        var cell = (LSTMCell)lstm;
        long steps = x.shape[0];
        var hs = new Tensor[steps];
        var ht = h.view(1, _hiddenSize);
        var ct = c.view(1, _hiddenSize);
        for (long t = 0; t < steps; t++)
        {
            (ht, ct) = cell.forward(x[t], (ht, ct));
            hs[t] = ht;
        }
        var output2 = torch.stack(hs).view(steps, 1, _hiddenSize);
        return (fc.forward(output2), ht.view(1, 1, _hiddenSize), ct.view(1, 1, _hiddenSize));
    }
}
