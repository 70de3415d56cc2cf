using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// Forward and one-step backward of the model family LSTM(I → H, 1 layer) + Linear(H → 1), batch 1, sequence length 1,
/// as free functions over spans (H hidden units, I inputs, gates i, f, g, o in PyTorch's order).
/// </summary>
/// <remarks>
/// PyTorch's cell (aten/src/ATen/native/RNN.cpp, LSTMCell): gates = (W_hh h + b_hh) + (W_ih x + b_ih);
/// i, f, o = σ(·), g = tanh(·); c' = f⊙c + i⊙g; h' = o⊙tanh(c'). The head is ŷ = w·h' + b. The carried state is detached
/// every row, so the backward stops at this step: no gradient flows into h or c of the previous row.
/// Backward functions ADD into their gradient outputs; zero_grad is lazy: over gradients the engine knows to be zero they
/// write instead (the same bits, 0 + x = x, without reading 73 KB), and they return Σg² of what they leave for the clip.
/// Elementwise formulas keep autograd's operation order (σ' = g·(1 − y)·y, tanh' = g·(1 − y²)) without fusing,
/// so they round as PyTorch's kernels do. What differs from PyTorch is rounding only: the dot products' summation order
/// (8-lane sums vs BLAS) and σ/tanh (TensorPrimitives vs Sleef), each a few ulps.
/// </remarks>
public static class LstmKernels
{
    private const int Lanes = 8;

    /// <summary>One LSTM cell step: writes the gate activations, c', tanh(c') and h'.</summary>
    /// <remarks><paramref name="h"/> may be <paramref name="hPrev"/> and <paramref name="c"/> may be <paramref name="cPrev"/>
    /// (the no-grad evaluation step updates its state in place): hPrev is read in full before h is written.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LstmCellForward(
        Span<float> gates,          // (4H) out: σ(i), σ(f), tanh(g), σ(o)
        Span<float> c,              // (H)  out: c' = f⊙c + i⊙g
        Span<float> tanhC,          // (H)  out: tanh(c')
        Span<float> h,              // (H)  out: h' = o⊙tanh(c')
        ReadOnlySpan<float> x,      // (I)
        ReadOnlySpan<float> hPrev,  // (H)
        ReadOnlySpan<float> cPrev,  // (H)
        ReadOnlySpan<float> wIhT,   // (I, 4H): W_ih transposed, so the input projection runs along the gate rows
        ReadOnlySpan<float> wHh,    // (4H, H)
        ReadOnlySpan<float> bIh,    // (4H)
        ReadOnlySpan<float> bHh,    // (4H)
        bool gatesHoldHiddenProjection = false) // gates already holds W_hh·hPrev, summed as MatVec sums it
    {
        int hidden = hPrev.Length, rows = 4 * hidden, inputs = x.Length;
        if (gates.Length != rows || c.Length != hidden || tanhC.Length != hidden || h.Length != hidden || cPrev.Length != hidden
            || wIhT.Length != rows * inputs || wHh.Length != rows * hidden || bIh.Length != rows || bHh.Length != rows)
            throw new ArgumentException("LSTM cell spans do not agree on H and I");

        // gates holds W_hh h, then (W_hh h + b_hh) + (W_ih x + b_ih), PyTorch's grouping. Each (W_ih x)[r] is the fma chain
        // over k = 0..I-1 that a row-major dot product would run, here 8 rows per vector.
        if (!gatesHoldHiddenProjection) SimdKernels.MatVec(wHh, hPrev, gates);
        ref float Z = ref MemoryMarshal.GetReference(gates);
        ref float Wt = ref MemoryMarshal.GetReference(wIhT);
        ref float X = ref MemoryMarshal.GetReference(x);
        ref float Bih = ref MemoryMarshal.GetReference(bIh);
        ref float Bhh = ref MemoryMarshal.GetReference(bHh);
        int r = 0;
        for (; r <= rows - Lanes; r += Lanes)
        {
            var ih = Vector256<float>.Zero;
            for (int k = 0; k < inputs; k++)
                ih = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref Wt, (nuint)(k * rows + r)), Vector256.Create(Unsafe.Add(ref X, k)), ih);
            var z = (Vector256.LoadUnsafe(ref Z, (nuint)r) + Vector256.LoadUnsafe(ref Bhh, (nuint)r)) + (ih + Vector256.LoadUnsafe(ref Bih, (nuint)r));
            z.StoreUnsafe(ref Z, (nuint)r);
        }
        for (; r < rows; r++)
        {
            float ih = 0f;
            for (int k = 0; k < inputs; k++) ih = MathF.FusedMultiplyAdd(Unsafe.Add(ref Wt, k * rows + r), Unsafe.Add(ref X, k), ih);
            Unsafe.Add(ref Z, r) = (Unsafe.Add(ref Z, r) + Unsafe.Add(ref Bhh, r)) + (ih + Unsafe.Add(ref Bih, r));
        }

        Span<float> ifGates = gates[..(2 * hidden)], gGate = gates.Slice(2 * hidden, hidden), oGate = gates.Slice(3 * hidden, hidden);
        TensorPrimitives.Sigmoid(ifGates, ifGates);
        TensorPrimitives.Tanh(gGate, gGate);
        TensorPrimitives.Sigmoid(oGate, oGate);

        ref float G = ref MemoryMarshal.GetReference(gates);
        ref float Cp = ref MemoryMarshal.GetReference(cPrev);
        ref float C = ref MemoryMarshal.GetReference(c);
        int vectorH = hidden - hidden % Lanes, j = 0;
        for (; j < vectorH; j += Lanes)
        {
            var i = Vector256.LoadUnsafe(ref G, (nuint)j);
            var f = Vector256.LoadUnsafe(ref G, (nuint)(hidden + j));
            var g = Vector256.LoadUnsafe(ref G, (nuint)(2 * hidden + j));
            (f * Vector256.LoadUnsafe(ref Cp, (nuint)j) + i * g).StoreUnsafe(ref C, (nuint)j);
        }
        for (; j < hidden; j++)
            Unsafe.Add(ref C, j) = Unsafe.Add(ref G, hidden + j) * Unsafe.Add(ref Cp, j) + Unsafe.Add(ref G, j) * Unsafe.Add(ref G, 2 * hidden + j);

        TensorPrimitives.Tanh(c, tanhC);
        TensorPrimitives.Multiply(oGate, tanhC, h);
    }

    /// <summary>The backward of <see cref="LstmCellForward"/> through this one step only: ADDS dL/dW_ih, dL/dW_hh,
    /// dL/db_ih, dL/db_hh (or writes them over gradients known to be zero, when not <paramref name="accumulate"/>), writes
    /// dL/d(pre-activation gates) into <paramref name="dGates"/>, and Σg² of each resulting gradient tensor into
    /// <paramref name="squares"/> (W_ih, W_hh, b_ih, b_hh: the input of clip_grad_norm_, with no second pass).
    /// An empty <paramref name="dWhh"/> (only when not accumulating) leaves dL/dW_hh = dGates ⊗ hPrev unformed for the caller
    /// to use in factored form; its Σg² is still reported.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LstmCellBackward(
        Span<float> dWihT,          // (I, 4H) += dL/dW_ih, transposed like the weights
        Span<float> dWhh,           // (4H, H) += (or empty: see summary)
        Span<float> dBih,           // (4H)    +=
        Span<float> dBhh,           // (4H)    +=
        Span<float> dGates,         // (4H)    out: dL/d(gate pre-activations), i, f, g, o
        ReadOnlySpan<float> dH,     // (H)  dL/dh'
        ReadOnlySpan<float> gates,  // (4H) activations from the forward
        ReadOnlySpan<float> tanhC,  // (H)  tanh(c') from the forward
        ReadOnlySpan<float> cPrev,  // (H)
        ReadOnlySpan<float> x,      // (I)
        ReadOnlySpan<float> hPrev,  // (H)
        bool accumulate,
        Span<float> squares)        // (4) out: Σg² of dW_ih, dW_hh, db_ih, db_hh
    {
        int hidden = hPrev.Length, rows = 4 * hidden;
        if (gates.Length != rows || dGates.Length != rows || dH.Length != hidden || tanhC.Length != hidden || cPrev.Length != hidden
            || dWihT.Length != rows * x.Length || (dWhh.Length != rows * hidden && !(dWhh.IsEmpty && !accumulate)) || dBih.Length != rows || dBhh.Length != rows)
            throw new ArgumentException("LSTM cell gradient spans do not agree on H and I");

        // Detached every row: no dL/dc' arrives from a later step and none is sent to an earlier one.
        GateGradients(dGates, Span<float>.Empty, dH, gates, tanhC, cPrev);

        squares[0] = SimdKernels.OuterProduct(dWihT, x, dGates, accumulate); // x[k]·d[r]: the same bits as d[r]·x[k]
        squares[1] = dWhh.IsEmpty
            ? SimdKernels.SumOfSquares(dGates) * SimdKernels.SumOfSquares(hPrev)
            : SimdKernels.OuterProduct(dWhh, dGates, hPrev, accumulate);
        squares[2] = SimdKernels.Accumulate(dBih, dGates, accumulate);
        squares[3] = SimdKernels.Accumulate(dBhh, dGates, accumulate);
    }

    /// <summary>One step of the backward through time of <see cref="LstmCellForward"/> (truncated BPTT): from dL/dh' (this
    /// step's head gradient plus what later steps sent back through W_hh) and the dL/dc' carried from the next step, writes
    /// dL/d(pre-activation gates) into <paramref name="dGates"/> and replaces <paramref name="dCell"/> with dL/dc of this step's
    /// input cell state, dc·f, for the step before.</summary>
    /// <remarks>
    /// dc = dh⊙o⊙(1 − tanh²c') + dc_next; dz_i = dc⊙g⊙(1 − i)⊙i; dz_f = dc⊙c⊙(1 − f)⊙f; dz_g = dc⊙i⊙(1 − g²);
    /// dz_o = dh⊙tanh(c')⊙(1 − o)⊙o; dc_prev = dc⊙f. The same formulas, in the same order, as <see cref="LstmCellBackward"/>
    /// (whose dc_next is zero); the weight gradients are left to the caller, who sums them over the whole window at once
    /// (<see cref="SimdKernels.AddOuterProducts"/>), and dL/dh of the step before is W_hhᵀ dGates
    /// (<see cref="SimdKernels.AddTransposedMatVec"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LstmCellBackwardThroughTime(
        Span<float> dGates,         // (4H) out: dL/d(gate pre-activations), i, f, g, o
        Span<float> dCell,          // (H)  in: dL/dc' from later steps (zero at the window's last step); out: dL/dc (of cPrev)
        ReadOnlySpan<float> dH,     // (H)  dL/dh', every path
        ReadOnlySpan<float> gates,  // (4H) activations from the forward
        ReadOnlySpan<float> tanhC,  // (H)  tanh(c') from the forward
        ReadOnlySpan<float> cPrev)  // (H)  the step's input cell state
    {
        int hidden = dH.Length;
        if (gates.Length != 4 * hidden || dGates.Length != 4 * hidden || dCell.Length != hidden || tanhC.Length != hidden || cPrev.Length != hidden)
            throw new ArgumentException("LSTM backward-through-time spans do not agree on H");

        GateGradients(dGates, dCell, dH, gates, tanhC, cPrev);
    }

    /// <summary>dL/d(gate pre-activations) of one step from dL/dh' and, when <paramref name="dCell"/> is not empty, the dL/dc'
    /// carried from the next step, which it then replaces with dc·f for the step before. Without a carry, dc is not added to
    /// (the same bits as PyTorch's detached step, not dc + 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GateGradients(Span<float> dGates, Span<float> dCell, ReadOnlySpan<float> dH, ReadOnlySpan<float> gates,
        ReadOnlySpan<float> tanhC, ReadOnlySpan<float> cPrev)
    {
        int hidden = dH.Length;
        bool carry = !dCell.IsEmpty;
        ref float G = ref MemoryMarshal.GetReference(gates);
        ref float D = ref MemoryMarshal.GetReference(dGates);
        ref float Dc = ref MemoryMarshal.GetReference(dCell);
        ref float Dh = ref MemoryMarshal.GetReference(dH);
        ref float T = ref MemoryMarshal.GetReference(tanhC);
        ref float Cp = ref MemoryMarshal.GetReference(cPrev);
        int vectorH = hidden - hidden % Lanes, j = 0;
        var one = Vector256<float>.One;
        for (; j < vectorH; j += Lanes)
        {
            var i = Vector256.LoadUnsafe(ref G, (nuint)j);
            var f = Vector256.LoadUnsafe(ref G, (nuint)(hidden + j));
            var g = Vector256.LoadUnsafe(ref G, (nuint)(2 * hidden + j));
            var o = Vector256.LoadUnsafe(ref G, (nuint)(3 * hidden + j));
            var tc = Vector256.LoadUnsafe(ref T, (nuint)j);
            var dh = Vector256.LoadUnsafe(ref Dh, (nuint)j);
            var dc = dh * o * (one - tc * tc);
            if (carry) dc += Vector256.LoadUnsafe(ref Dc, (nuint)j);
            (dc * g * (one - i) * i).StoreUnsafe(ref D, (nuint)j);
            (dc * Vector256.LoadUnsafe(ref Cp, (nuint)j) * (one - f) * f).StoreUnsafe(ref D, (nuint)(hidden + j));
            (dc * i * (one - g * g)).StoreUnsafe(ref D, (nuint)(2 * hidden + j));
            (dh * tc * (one - o) * o).StoreUnsafe(ref D, (nuint)(3 * hidden + j));
            if (carry) (dc * f).StoreUnsafe(ref Dc, (nuint)j);
        }
        for (; j < hidden; j++)
        {
            float i = Unsafe.Add(ref G, j), f = Unsafe.Add(ref G, hidden + j), g = Unsafe.Add(ref G, 2 * hidden + j);
            float o = Unsafe.Add(ref G, 3 * hidden + j), tc = Unsafe.Add(ref T, j), dh = Unsafe.Add(ref Dh, j);
            float dc = dh * o * (1f - tc * tc);
            if (carry) dc += Unsafe.Add(ref Dc, j);
            Unsafe.Add(ref D, j) = dc * g * (1f - i) * i;
            Unsafe.Add(ref D, hidden + j) = dc * Unsafe.Add(ref Cp, j) * (1f - f) * f;
            Unsafe.Add(ref D, 2 * hidden + j) = dc * i * (1f - g * g);
            Unsafe.Add(ref D, 3 * hidden + j) = dh * tc * (1f - o) * o;
            if (carry) Unsafe.Add(ref Dc, j) = dc * f;
        }
    }

    /// <summary>The head ŷ = w·h + b.</summary>
    public static float LinearForward(
        ReadOnlySpan<float> w,  // (1, H)
        float b,
        ReadOnlySpan<float> h)  // (H)
        => SimdKernels.Dot(w, h) + b;

    /// <summary>The head's backward: ADDS dL/dw = dŷ·h and dL/db = dŷ (or writes them, when not
    /// <paramref name="accumulate"/>); writes dL/dh = dŷ·w and Σg² of the resulting dw and db.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LinearBackward(
        Span<float> dW,         // (1, H) +=
        ref float dB,           // (1)    +=
        Span<float> dH,         // (H)    out
        ReadOnlySpan<float> w,  // (1, H)
        ReadOnlySpan<float> h,  // (H)
        float dY,
        bool accumulate,
        Span<float> squares)    // (2) out: Σg² of dw, db
    {
        squares[0] = SimdKernels.OuterProduct(dW, MemoryMarshal.CreateReadOnlySpan(ref dY, 1), h, accumulate);
        dB = accumulate ? dB + dY : dY;
        squares[1] = dB * dB;
        TensorPrimitives.Multiply(w, dY, dH);
    }

    /// <summary>dL/dŷ_r of L = mean over <paramref name="rows"/> rows of (ŷ_r − y_r)², written as PyTorch's mse_loss_backward
    /// with reduction='mean' computes it: (ŷ − y)·(2/rows)·grad_output. For one row it is <see cref="SquaredErrorBackward"/>'s
    /// 2·(ŷ − y), bit for bit.</summary>
    public static float MeanSquaredErrorBackward(float yHat, float y, int rows) => (yHat - y) * (2f / rows);

    /// <summary>dL/dŷ of L = lossScale·(ŷ − y)², written as PyTorch's mse_loss_backward computes it: 2·(ŷ − y)·grad_output.</summary>
    public static float SquaredErrorBackward(float yHat, float y, float lossScale) => 2f * (yHat - y) * lossScale;
}
