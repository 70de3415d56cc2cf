using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>Gradient clipping and the optimizer updates as flat loops over the parameter buffer.</summary>
/// <remarks>
/// Formulas are PyTorch 1.13's single-tensor Adam and SGD (also TorchSharp's Optimizers/Adam.cs and SGD.cs), element by element:
/// <code>
/// g  = grad·clip                      (clip_grad_norm_'s mul_)
/// g  = g + wd·p                       (weight_decay; fused multiply-add, as ATen's add with alpha)
/// m  = m·β1 + (1 − β1)·g              (exp_avg.mul_(β1).add_(g, alpha = 1 − β1))
/// v  = v·β2 + ((1 − β2)·g)·g          (exp_avg_sq.mul_(β2).addcmul_(g, g, value = 1 − β2))
/// d  = √v / √(1 − β2ᵗ) + ε            (denom)
/// p  = p + ((−lr / (1 − β1ᵗ))·m) / d  (param.addcdiv_(exp_avg, denom, value = −step_size))
/// </code>
/// The gradients are only read: the engine then marks them as zero and the next backward writes over them (lazy zero_grad).
/// <para>
/// Subnormal floats: as training goes on, some gradient elements become tiny (saturated gates, idle units) and moments of
/// parameters with zero gradient decay (an idle one-hot column of W_ih, 30,000 rows per epoch in the blocks order), so
/// products such as (1 − β2)·g·g fall into the subnormal range, where this CPU takes microcode assists. Measured on the
/// report's model in the blocks order: 3.9 µs per step in epoch 2, 6.7–7.7 µs by epoch 9. With
/// <see cref="AdamScalars.FlushTinyValues"/> the loop reads |g| &lt; 2⁻⁵⁸, |m| &lt; 2⁻¹⁰⁰ and v &lt; 2⁻¹²⁰ as zero, so no
/// intermediate is subnormal (4.0 µs per step through epoch 9). That is not PyTorch's arithmetic: a weight moves differently
/// only when Adam would have moved it by about lr·2⁻⁵⁸/ε or less (≈ 3e-13 at lr 1e-3), i.e. never for |w| above ~1e-5.
/// </para>
/// </remarks>
public static class OptimizerKernels
{
    private const int Lanes = 8;

    /// <summary>The global L2 norm of all gradients as clip_grad_norm_ computes it: the 2-norm of the stack of per-tensor
    /// 2-norms, in float.</summary>
    public static float TotalGradNorm(
        ReadOnlySpan<float> grads,              // (P) in ParameterLayout order
        ReadOnlySpan<ParameterTensor> tensors)  // ParameterLayout.Tensors, cached by the caller (the list allocates)
    {
        float sumOfNormSquares = 0f;
        foreach (var t in tensors)
        {
            float norm = MathF.Sqrt(SimdKernels.SumOfSquares(grads.Slice(t.Offset, t.Length)));
            sumOfNormSquares = MathF.FusedMultiplyAdd(norm, norm, sumOfNormSquares);
        }
        return MathF.Sqrt(sumOfNormSquares);
    }

    /// <summary>The same norm from each tensor's Σg² (as the backward kernels return them), in layout order.</summary>
    public static float TotalGradNormFromSquares(ReadOnlySpan<float> squares)
    {
        float sumOfNormSquares = 0f;
        foreach (float sq in squares)
        {
            float norm = MathF.Sqrt(sq);
            sumOfNormSquares = MathF.FusedMultiplyAdd(norm, norm, sumOfNormSquares);
        }
        return MathF.Sqrt(sumOfNormSquares);
    }

    /// <summary>clip_grad_norm_'s factor: min(1, max_norm / (norm + 1e-6)), with the division written as PyTorch's
    /// <c>Scalar / Tensor</c> evaluates it (reciprocal, then multiply). +∞ max_norm never clips.</summary>
    public static float ClipCoefficient(float totalNorm, float maxGradNorm)
    {
        float coefficient = 1f / (totalNorm + 1e-6f) * maxGradNorm;
        return coefficient < 1f ? coefficient : 1f;
    }

    /// <summary>One Adam update of every parameter. See the class remarks for the formula.</summary>
    public static void AdamUpdate(
        Span<float> p,          // (P) parameters
        ReadOnlySpan<float> g,  // (P) gradients
        Span<float> m,          // (P) exp_avg
        Span<float> v,          // (P) exp_avg_sq
        in AdamScalars s)
    {
        float one = 1f;
        var d = MemoryMarshal.CreateReadOnlySpan(ref one, 1);
        // Elementwise: the whole 16-lane vectors as one block (the 16-lane loop), the rest (under 16) as another.
        int whole = Vector512.IsHardwareAccelerated ? g.Length & ~15 : 0;
        if (whole > 0) AdamUpdateOuterProduct(p[..whole], m[..whole], v[..whole], d, g[..whole], s);
        if (whole < g.Length) AdamUpdateOuterProduct(p[whole..], m[whole..], v[whole..], d, g[whole..], s);
    }

    /// <summary>One Adam update of a (rows, cols) block whose gradient is the outer product d ⊗ h, never formed:
    /// g[r, j] = d[r]·h[j] is computed where it is used. With d = [1] it is the plain update of <see cref="AdamUpdate"/>.</summary>
    /// <remarks>
    /// A batch-1 weight gradient is rank one, so the optimizer can read its two factors (rows + cols floats) instead of the
    /// rows·cols gradient the backward would otherwise write and this loop read back. h[j]·d[r] is the same float product
    /// as the d[r]·h[j] the backward would have stored, and h[j]·1 = h[j], so every path gives the same bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdamUpdateOuterProduct(
        Span<float> p,          // (rows, cols) parameters
        Span<float> m,          // (rows, cols) exp_avg
        Span<float> v,          // (rows, cols) exp_avg_sq
        ReadOnlySpan<float> d,  // (rows) row factor of the gradient
        ReadOnlySpan<float> h,  // (cols) column factor of the gradient
        in AdamScalars s,
        ReadOnlySpan<float> next = default, // (cols) or empty: a vector to multiply the updated rows by
        Span<float> projection = default)   // (rows) or empty: out, y[r] = Σ_j p'[r, j]·next[j], summed as MatVec sums a row
    {
        int rows = d.Length, cols = h.Length, n = rows * cols;
        if (p.Length != n || m.Length != n || v.Length != n) throw new ArgumentException("Adam spans must be (d.Length, h.Length)");
        bool project = !projection.IsEmpty;
        if (project && (projection.Length != rows || next.Length != cols)) throw new ArgumentException("projection must be (d.Length) and next (h.Length)");
        ref float H = ref MemoryMarshal.GetReference(h);
        ref float N = ref MemoryMarshal.GetReference(next);
        bool decay = s.WeightDecay != 0f, flush = s.FlushTinyValues;
        // Elementwise, so the 16-, 8- and 1-lane loops give bit-identical results: the widest the CPU runs well is used.
        // The divides and the square root dominate; 512-bit lanes halve their cost where the CPU has a 512-bit divider.
        // The 16-lane loop is a method of its own: beside the 8-lane and flushing loops here the JIT spilled its constants.
        if (Vector512.IsHardwareAccelerated && !flush && cols % 16 == 0)
        {
            AdamRows512(p, m, v, d, h, s, next, projection);
            return;
        }
        var gFloor8 = Vector256.Create(AdamScalars.GradientFloor);
        var mFloor8 = Vector256.Create(AdamScalars.FirstMomentFloor);
        var vFloor8 = Vector256.Create(AdamScalars.SecondMomentFloor);
        // Once β2ᵗ < 2⁻²⁴ (t > 16,627 at β2 = 0.999, i.e. from the middle of the first 40,000-row epoch on) √(1 − β2ᵗ)
        // rounds to 1 in float, and x / 1 = x for every float x (zeros, subnormals, ∞ and NaN included): the division is
        // skipped, not approximated, so the bits are PyTorch's. It is one of the loop's three divider operations.
        bool unbiased = s.SqrtBiasCorrection2 == 1f;
        var clip8 = Vector256.Create(s.GradScale);
        var wd8 = Vector256.Create(s.WeightDecay);
        var b1_8 = Vector256.Create(s.Beta1);
        var ob1_8 = Vector256.Create(s.OneMinusBeta1);
        var b2_8 = Vector256.Create(s.Beta2);
        var ob2_8 = Vector256.Create(s.OneMinusBeta2);
        var sq2_8 = Vector256.Create(s.SqrtBiasCorrection2);
        var eps8 = Vector256.Create(s.Epsilon);
        var nss8 = Vector256.Create(s.NegativeStepSize);
        for (int r = 0; r < rows; r++)
        {
            float dr = d[r];
            ref float P = ref Unsafe.Add(ref MemoryMarshal.GetReference(p), r * cols);
            ref float M = ref Unsafe.Add(ref MemoryMarshal.GetReference(m), r * cols);
            ref float V = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), r * cols);
            int j = 0;
            // The row's product with next, in SimdKernels.Dot's order: one 8-lane fma chain along the row, reduced by
            // Vector256.Sum, then the tail one fma at a time.
            var dot = Vector256<float>.Zero;
            var d8 = Vector256.Create(dr);
            for (; j <= cols - Lanes; j += Lanes)
            {
                var pj = Vector256.LoadUnsafe(ref P, (nuint)j);
                var gj = Vector256.LoadUnsafe(ref H, (nuint)j) * d8 * clip8;
                if (decay) gj = Vector256.FusedMultiplyAdd(pj, wd8, gj);
                var mOld = Vector256.LoadUnsafe(ref M, (nuint)j);
                var vOld = Vector256.LoadUnsafe(ref V, (nuint)j);
                if (flush)
                {
                    gj = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(gj), gFloor8), Vector256<float>.Zero, gj);
                    mOld = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(mOld), mFloor8), Vector256<float>.Zero, mOld);
                    vOld = Vector256.ConditionalSelect(Vector256.LessThan(vOld, vFloor8), Vector256<float>.Zero, vOld);
                }
                var mj = Vector256.FusedMultiplyAdd(gj, ob1_8, mOld * b1_8);
                var vj = vOld * b2_8 + ob2_8 * gj * gj;
                var denom = (unbiased ? Vector256.Sqrt(vj) : Vector256.Sqrt(vj) / sq2_8) + eps8;
                mj.StoreUnsafe(ref M, (nuint)j);
                vj.StoreUnsafe(ref V, (nuint)j);
                var updated = pj + nss8 * mj / denom;
                updated.StoreUnsafe(ref P, (nuint)j);
                if (project) dot = Vector256.FusedMultiplyAdd(updated, Vector256.LoadUnsafe(ref N, (nuint)j), dot);
            }
            float rowDot = project ? Vector256.Sum(dot) : 0f;
            for (; j < cols; j++)
            {
                float pj = Unsafe.Add(ref P, j);
                float gj = Unsafe.Add(ref H, j) * dr * s.GradScale;
                if (decay) gj = MathF.FusedMultiplyAdd(pj, s.WeightDecay, gj);
                float mOld = Unsafe.Add(ref M, j), vOld = Unsafe.Add(ref V, j);
                if (flush)
                {
                    if (MathF.Abs(gj) < AdamScalars.GradientFloor) gj = 0f;
                    if (MathF.Abs(mOld) < AdamScalars.FirstMomentFloor) mOld = 0f;
                    if (vOld < AdamScalars.SecondMomentFloor) vOld = 0f;
                }
                float mj = MathF.FusedMultiplyAdd(gj, s.OneMinusBeta1, mOld * s.Beta1);
                float vj = vOld * s.Beta2 + s.OneMinusBeta2 * gj * gj;
                float denom = (unbiased ? MathF.Sqrt(vj) : MathF.Sqrt(vj) / s.SqrtBiasCorrection2) + s.Epsilon;
                Unsafe.Add(ref M, j) = mj;
                Unsafe.Add(ref V, j) = vj;
                float updated = pj + s.NegativeStepSize * mj / denom;
                Unsafe.Add(ref P, j) = updated;
                if (project) rowDot = MathF.FusedMultiplyAdd(updated, Unsafe.Add(ref N, j), rowDot);
            }
            if (project) projection[r] = rowDot;
        }
    }

    /// <summary><see cref="AdamUpdateOuterProduct"/> for blocks whose rows are whole 16-lane vectors, without
    /// <see cref="AdamScalars.FlushTinyValues"/>: the same formula, the same bits, and the row's product with next in the
    /// same order (one 8-lane fma chain, a 16-lane vector being its two 8-lane halves in turn).</summary>
    /// <remarks>A method of its own, so the JIT keeps its nine constants in registers. Inlined beside the 8-lane and flushing
    /// loops it spilled some, and then any added operation cost about 3 µs per 16,384-element update. Split out, measured
    /// on the report's W_hh (microbenchmark): 5.8 → 5.4–5.6 µs with normal values, 13.6 → 11.1–11.3 µs when (1 − β2)·g·g is
    /// subnormal.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void AdamRows512(Span<float> p, Span<float> m, Span<float> v, ReadOnlySpan<float> d, ReadOnlySpan<float> h,
        in AdamScalars s, ReadOnlySpan<float> next, Span<float> projection)
    {
        int rows = d.Length, cols = h.Length;
        bool project = !projection.IsEmpty, decay = s.WeightDecay != 0f, unbiased = s.SqrtBiasCorrection2 == 1f;
        ref float H = ref MemoryMarshal.GetReference(h);
        ref float N = ref MemoryMarshal.GetReference(next);
        var clip = Vector512.Create(s.GradScale);
        var wd = Vector512.Create(s.WeightDecay);
        var b1 = Vector512.Create(s.Beta1);
        var ob1 = Vector512.Create(s.OneMinusBeta1);
        var b2 = Vector512.Create(s.Beta2);
        var ob2 = Vector512.Create(s.OneMinusBeta2);
        var sq2 = Vector512.Create(s.SqrtBiasCorrection2);
        var eps = Vector512.Create(s.Epsilon);
        var nss = Vector512.Create(s.NegativeStepSize);
        for (int r = 0; r < rows; r++)
        {
            var dr = Vector512.Create(d[r]);
            ref float P = ref Unsafe.Add(ref MemoryMarshal.GetReference(p), r * cols);
            ref float M = ref Unsafe.Add(ref MemoryMarshal.GetReference(m), r * cols);
            ref float V = ref Unsafe.Add(ref MemoryMarshal.GetReference(v), r * cols);
            var dot = Vector256<float>.Zero;
            for (int j = 0; j < cols; j += 16)
            {
                var pj = Vector512.LoadUnsafe(ref P, (nuint)j);
                var gj = Vector512.LoadUnsafe(ref H, (nuint)j) * dr * clip;
                if (decay) gj = Vector512.FusedMultiplyAdd(pj, wd, gj);
                var mj = Vector512.FusedMultiplyAdd(gj, ob1, Vector512.LoadUnsafe(ref M, (nuint)j) * b1);
                var vj = Vector512.LoadUnsafe(ref V, (nuint)j) * b2 + ob2 * gj * gj;
                var denom = (unbiased ? Vector512.Sqrt(vj) : Vector512.Sqrt(vj) / sq2) + eps;
                mj.StoreUnsafe(ref M, (nuint)j);
                vj.StoreUnsafe(ref V, (nuint)j);
                var updated = pj + nss * mj / denom;
                updated.StoreUnsafe(ref P, (nuint)j);
                if (project)
                {
                    var nj = Vector512.LoadUnsafe(ref N, (nuint)j);
                    dot = Vector256.FusedMultiplyAdd(updated.GetLower(), nj.GetLower(), dot);
                    dot = Vector256.FusedMultiplyAdd(updated.GetUpper(), nj.GetUpper(), dot);
                }
            }
            if (project) projection[r] = Vector256.Sum(dot);
        }
    }

    /// <summary>One SGD update of every parameter (PyTorch's: d = g·clip + wd·p; momentum buffer b = d on the first step,
    /// then b = μ·b + d; Nesterov d = d + μ·b, else d = b; p = p − lr·d).</summary>
    public static void SgdUpdate(
        Span<float> p,          // (P) parameters
        ReadOnlySpan<float> g,  // (P) gradients
        Span<float> b,          // (P) momentum_buffer (unused when momentum is 0)
        float learningRate, float gradScale, OptimizerSettings o, bool firstStep)
    {
        float one = 1f;
        SgdUpdateOuterProduct(p, b, MemoryMarshal.CreateReadOnlySpan(ref one, 1), g, learningRate, gradScale, o, firstStep);
    }

    /// <summary>One SGD update of a (rows, cols) block whose gradient is the outer product d ⊗ h, never formed (as
    /// <see cref="AdamUpdateOuterProduct"/>); with d = [1] it is the plain update of <see cref="SgdUpdate"/>.</summary>
    /// <remarks>Elementwise, with no fusing beyond PyTorch's own (its add with alpha is one rounding, an fma here), so the
    /// 8-lane loop and the scalar tail give the same bits.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SgdUpdateOuterProduct(
        Span<float> p,          // (rows, cols) parameters
        Span<float> b,          // (rows, cols) momentum_buffer (unused when momentum is 0)
        ReadOnlySpan<float> d,  // (rows) row factor of the gradient
        ReadOnlySpan<float> h,  // (cols) column factor of the gradient
        float learningRate, float gradScale, OptimizerSettings o, bool firstStep)
    {
        int rows = d.Length, cols = h.Length, n = rows * cols;
        if (p.Length != n || b.Length != n) throw new ArgumentException("SGD spans must be (d.Length, h.Length)");
        float wd = (float)o.WeightDecay, mu = (float)o.Momentum, negLr = -learningRate;
        bool decay = wd != 0f, momentum = mu != 0f, nesterov = o.Nesterov;
        var clip8 = Vector256.Create(gradScale);
        var wd8 = Vector256.Create(wd);
        var mu8 = Vector256.Create(mu);
        var one8 = Vector256.Create(1f);
        var negLr8 = Vector256.Create(negLr);
        ref float H = ref MemoryMarshal.GetReference(h);
        for (int r = 0; r < rows; r++)
        {
            float dr = d[r];
            var d8 = Vector256.Create(dr);
            ref float P = ref Unsafe.Add(ref MemoryMarshal.GetReference(p), r * cols);
            ref float B = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), r * cols);
            int j = 0;
            for (; j <= cols - Lanes; j += Lanes)
            {
                var pj = Vector256.LoadUnsafe(ref P, (nuint)j);
                var step = Vector256.LoadUnsafe(ref H, (nuint)j) * d8 * clip8;
                if (decay) step = Vector256.FusedMultiplyAdd(pj, wd8, step);
                if (momentum)
                {
                    var buf = firstStep ? step : Vector256.FusedMultiplyAdd(step, one8, Vector256.LoadUnsafe(ref B, (nuint)j) * mu8);
                    buf.StoreUnsafe(ref B, (nuint)j);
                    step = nesterov ? Vector256.FusedMultiplyAdd(buf, mu8, step) : buf;
                }
                Vector256.FusedMultiplyAdd(step, negLr8, pj).StoreUnsafe(ref P, (nuint)j);
            }
            for (; j < cols; j++)
            {
                float pj = Unsafe.Add(ref P, j);
                float step = Unsafe.Add(ref H, j) * dr * gradScale;
                if (decay) step = MathF.FusedMultiplyAdd(pj, wd, step);
                if (momentum)
                {
                    float buf = firstStep ? step : MathF.FusedMultiplyAdd(step, 1f, Unsafe.Add(ref B, j) * mu);
                    Unsafe.Add(ref B, j) = buf;
                    step = nesterov ? MathF.FusedMultiplyAdd(buf, mu, step) : buf;
                }
                Unsafe.Add(ref P, j) = MathF.FusedMultiplyAdd(step, negLr, pj);
            }
        }
    }
}
