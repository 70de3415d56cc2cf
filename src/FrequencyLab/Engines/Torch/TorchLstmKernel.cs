namespace FrequencyLab.Engines.Torch;

/// <summary>Which TorchSharp module computes the LSTM step. Both compute PyTorch's LSTM equations with the same weights.</summary>
public enum TorchLstmKernel
{
    /// <summary><c>nn.LSTM(I, H, num_layers: 1)</c> on a sequence of length 1: the report's module and the reference.</summary>
    Lstm,
    /// <summary>
    /// <c>nn.LSTMCell(I, H)</c>: the same step with the same four tensors (named weight_ih … instead of weight_ih_l0 …).
    /// It gives the same numbers within float rounding (parity tests cover both) and is usually faster at batch 1: a
    /// forward + backward took 90 µs against nn.LSTM's 490 µs, and whole epochs ran 1.2× to 2× faster (on a loaded machine).
    /// </summary>
    LstmCell,
}
