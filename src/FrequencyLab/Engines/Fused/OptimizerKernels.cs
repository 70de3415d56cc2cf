using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>The per-step scalars of one Adam update, computed once in double and rounded to float as PyTorch's kernels
/// receive them (Python floats become float32 scalars inside each float32 kernel).</summary>
public readonly record struct AdamScalars(float GradScale, float WeightDecay, float Beta1, float OneMinusBeta1, float Beta2,
    float OneMinusBeta2, float SqrtBiasCorrection2, float Epsilon, float NegativeStepSize)
{
    /// <summary>Scalars of step <paramref name="step"/> (1-based, Adam's t) at <paramref name="learningRate"/>, with the
    /// clip coefficient <paramref name="gradScale"/> (1 when the gradients are not clipped).</summary>
    public static AdamScalars For(OptimizerSettings o, float learningRate, long step, float gradScale)
    {
        double bc1 = 1 - Math.Pow(o.Beta1, step), bc2 = 1 - Math.Pow(o.Beta2, step);
        return new AdamScalars(gradScale, (float)o.WeightDecay, (float)o.Beta1, (float)(1 - o.Beta1), (float)o.Beta2,
            (float)(1 - o.Beta2), (float)Math.Sqrt(bc2), (float)o.Epsilon, (float)(-(learningRate / bc1)));
    }
}

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdamUpdate(
        Span<float> p,  // (P) parameters
        ReadOnlySpan<float> g,  // (P) gradients
        Span<float> m,  // (P) exp_avg
        Span<float> v,  // (P) exp_avg_sq
        in AdamScalars s)
    {
        int n = p.Length;
        if (g.Length != n || m.Length != n || v.Length != n) throw new ArgumentException("Adam spans must have the same length");
        ref float P = ref MemoryMarshal.GetReference(p);
        ref float G = ref MemoryMarshal.GetReference(g);
        ref float M = ref MemoryMarshal.GetReference(m);
        ref float V = ref MemoryMarshal.GetReference(v);
        bool decay = s.WeightDecay != 0f;
        int j = 0;
        // Elementwise, so the 16-, 8- and 1-lane loops give bit-identical results: the widest the CPU runs well is used.
        // The divides and the square root dominate; 512-bit lanes halve their cost where the CPU has a 512-bit divider.
        if (Vector512.IsHardwareAccelerated)
        {
            var clip = Vector512.Create(s.GradScale);
            var wd = Vector512.Create(s.WeightDecay);
            var b1 = Vector512.Create(s.Beta1);
            var ob1 = Vector512.Create(s.OneMinusBeta1);
            var b2 = Vector512.Create(s.Beta2);
            var ob2 = Vector512.Create(s.OneMinusBeta2);
            var sq2 = Vector512.Create(s.SqrtBiasCorrection2);
            var eps = Vector512.Create(s.Epsilon);
            var nss = Vector512.Create(s.NegativeStepSize);
            for (; j <= n - 16; j += 16)
            {
                var pj = Vector512.LoadUnsafe(ref P, (nuint)j);
                var gj = Vector512.LoadUnsafe(ref G, (nuint)j) * clip;
                if (decay) gj = Vector512.FusedMultiplyAdd(pj, wd, gj);
                var mj = Vector512.FusedMultiplyAdd(gj, ob1, Vector512.LoadUnsafe(ref M, (nuint)j) * b1);
                var vj = Vector512.LoadUnsafe(ref V, (nuint)j) * b2 + ob2 * gj * gj;
                var denom = Vector512.Sqrt(vj) / sq2 + eps;
                mj.StoreUnsafe(ref M, (nuint)j);
                vj.StoreUnsafe(ref V, (nuint)j);
                (pj + nss * mj / denom).StoreUnsafe(ref P, (nuint)j);
            }
        }
        {
            var clip = Vector256.Create(s.GradScale);
            var wd = Vector256.Create(s.WeightDecay);
            var b1 = Vector256.Create(s.Beta1);
            var ob1 = Vector256.Create(s.OneMinusBeta1);
            var b2 = Vector256.Create(s.Beta2);
            var ob2 = Vector256.Create(s.OneMinusBeta2);
            var sq2 = Vector256.Create(s.SqrtBiasCorrection2);
            var eps = Vector256.Create(s.Epsilon);
            var nss = Vector256.Create(s.NegativeStepSize);
            for (; j <= n - Lanes; j += Lanes)
            {
                var pj = Vector256.LoadUnsafe(ref P, (nuint)j);
                var gj = Vector256.LoadUnsafe(ref G, (nuint)j) * clip;
                if (decay) gj = Vector256.FusedMultiplyAdd(pj, wd, gj);
                var mj = Vector256.FusedMultiplyAdd(gj, ob1, Vector256.LoadUnsafe(ref M, (nuint)j) * b1);
                var vj = Vector256.LoadUnsafe(ref V, (nuint)j) * b2 + ob2 * gj * gj;
                var denom = Vector256.Sqrt(vj) / sq2 + eps;
                mj.StoreUnsafe(ref M, (nuint)j);
                vj.StoreUnsafe(ref V, (nuint)j);
                (pj + nss * mj / denom).StoreUnsafe(ref P, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float pj = Unsafe.Add(ref P, j);
            float gj = Unsafe.Add(ref G, j) * s.GradScale;
            if (decay) gj = MathF.FusedMultiplyAdd(pj, s.WeightDecay, gj);
            float mj = MathF.FusedMultiplyAdd(gj, s.OneMinusBeta1, Unsafe.Add(ref M, j) * s.Beta1);
            float vj = Unsafe.Add(ref V, j) * s.Beta2 + s.OneMinusBeta2 * gj * gj;
            float denom = MathF.Sqrt(vj) / s.SqrtBiasCorrection2 + s.Epsilon;
            Unsafe.Add(ref M, j) = mj;
            Unsafe.Add(ref V, j) = vj;
            Unsafe.Add(ref P, j) = pj + s.NegativeStepSize * mj / denom;
        }
    }

    /// <summary>One SGD update of every parameter (PyTorch's: d = g·clip + wd·p; momentum buffer b = d on the first step,
    /// then b = μ·b + d; Nesterov d = d + μ·b, else d = b; p = p − lr·d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SgdUpdate(
        Span<float> p,  // (P) parameters
        ReadOnlySpan<float> g,  // (P) gradients
        Span<float> b,  // (P) momentum_buffer (unused when momentum is 0)
        float learningRate, float gradScale, OptimizerSettings o, bool firstStep)
    {
        int n = p.Length;
        if (g.Length != n || b.Length != n) throw new ArgumentException("SGD spans must have the same length");
        float wd = (float)o.WeightDecay, mu = (float)o.Momentum, negLr = -learningRate;
        bool decay = wd != 0f, momentum = mu != 0f, nesterov = o.Nesterov;
        // Scalar loop: SGD is the report's alternative, not the hot path; one loop keeps the formula in one place.
        for (int j = 0; j < n; j++)
        {
            float d = g[j] * gradScale;
            if (decay) d = MathF.FusedMultiplyAdd(p[j], wd, d);
            if (momentum)
            {
                float buf = firstStep ? d : MathF.FusedMultiplyAdd(d, 1f, b[j] * mu);
                b[j] = buf;
                d = nesterov ? MathF.FusedMultiplyAdd(buf, mu, d) : buf;
            }
            p[j] = MathF.FusedMultiplyAdd(d, negLr, p[j]);
        }
    }
}
