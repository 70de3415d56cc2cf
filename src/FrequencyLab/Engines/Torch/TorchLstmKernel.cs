namespace FrequencyLab.Engines.Torch;

/// <summary>Which TorchSharp module computes the LSTM step. Both compute PyTorch's LSTM equations with the same weights.</summary>
public enum TorchLstmKernel
{
    /// <summary>
    /// <c>nn.LSTM(I, H, num_layers: 1)</c> on a sequence of length 1: the report's module, the reference. In libtorch 2.10
    /// its CPU float32 path goes through oneDNN, which costs several times a cell's work at batch 1.
    /// </summary>
    Lstm,
    /// <summary>
    /// <c>nn.LSTMCell(I, H)</c>: the same step with the same four tensors (named weight_ih … instead of weight_ih_l0 …),
    /// through libtorch's plain linear-and-gates path. The same numbers within float rounding, and faster at batch 1.
    /// </summary>
    LstmCell,
}
