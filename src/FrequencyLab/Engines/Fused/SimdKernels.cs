using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// The few dense loops the fused step is made of, span in, caller-allocated span out, 8 lanes at a time with a scalar tail.
/// </summary>
/// <remarks>
/// Every multiply-add that PyTorch's BLAS would fuse is fused here too (<c>Vector256.FusedMultiplyAdd</c>, which is
/// exact IEEE fma even where the CPU lacks FMA, so results do not depend on the instruction set). The scalar tails use
/// <see cref="MathF.FusedMultiplyAdd"/> so a value computed in a vector lane and in the tail round the same way.
/// The hot kernels are compiled fully optimised on first call (AggressiveOptimization): the first rows of a run, and short
/// measurements, then run at full speed instead of through tier-0 code.
/// </remarks>
public static class SimdKernels
{
    private const int Lanes = 8;

    /// <summary>y[r] = Σ_j w[r, j]·v[j] for a row-major (rows, cols) matrix.</summary>
    /// <remarks>Each row is summed in 8 lanes then reduced, then the tail is added: the order is fixed for a given cols.
    /// Four rows share each load of v.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatVec(ReadOnlySpan<float> w, ReadOnlySpan<float> v, Span<float> y)
    {
        int rows = y.Length, cols = v.Length;
        if (w.Length != rows * cols) throw new ArgumentException("w must be (y.Length, v.Length)");
        ref float W = ref MemoryMarshal.GetReference(w);
        ref float V = ref MemoryMarshal.GetReference(v);
        ref float Y = ref MemoryMarshal.GetReference(y);
        int vectorCols = cols - cols % Lanes;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref float w0 = ref Unsafe.Add(ref W, r * cols);
            ref float w1 = ref Unsafe.Add(ref w0, cols);
            ref float w2 = ref Unsafe.Add(ref w1, cols);
            ref float w3 = ref Unsafe.Add(ref w2, cols);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int j = 0; j < vectorCols; j += Lanes)
            {
                var x = Vector256.LoadUnsafe(ref V, (nuint)j);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w0, (nuint)j), x, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w1, (nuint)j), x, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w2, (nuint)j), x, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w3, (nuint)j), x, a3);
            }
            var sums = SumEach(a0, a1, a2, a3);
            if (vectorCols == cols) { sums.StoreUnsafe(ref Y, (nuint)r); continue; }
            float s0 = sums.GetElement(0), s1 = sums.GetElement(1), s2 = sums.GetElement(2), s3 = sums.GetElement(3);
            for (int j = vectorCols; j < cols; j++)
            {
                float x = Unsafe.Add(ref V, j);
                s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w0, j), x, s0);
                s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w1, j), x, s1);
                s2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w2, j), x, s2);
                s3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref w3, j), x, s3);
            }
            Unsafe.Add(ref Y, r) = s0;
            Unsafe.Add(ref Y, r + 1) = s1;
            Unsafe.Add(ref Y, r + 2) = s2;
            Unsafe.Add(ref Y, r + 3) = s3;
        }
        for (; r < rows; r++)
            Unsafe.Add(ref Y, r) = Dot(ref Unsafe.Add(ref W, r * cols), ref V, cols);
    }

    /// <summary><see cref="MatVec"/> of one matrix with two vectors: ya = w·va and yb = w·vb, each row summed exactly as
    /// MatVec sums it (the same bits), with every load of w serving both.</summary>
    /// <remarks>Two frozen passes with the same weights (the train and test rows after an epoch) need w·h for two states per
    /// row; w (64 KB for the report's W_hh) streams from L2 once instead of twice. Measured on the report's W_hh
    /// (microbenchmark): 1.15 µs against 2 × 0.70 for two MatVec calls.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatVecPair(ReadOnlySpan<float> w, ReadOnlySpan<float> va, ReadOnlySpan<float> vb, Span<float> ya, Span<float> yb)
    {
        int rows = ya.Length, cols = va.Length;
        if (w.Length != rows * cols || vb.Length != cols || yb.Length != rows)
            throw new ArgumentException("w must be (ya.Length, va.Length), with vb and yb of the same lengths");
        ref float W = ref MemoryMarshal.GetReference(w);
        ref float A = ref MemoryMarshal.GetReference(va);
        ref float B = ref MemoryMarshal.GetReference(vb);
        ref float YA = ref MemoryMarshal.GetReference(ya);
        ref float YB = ref MemoryMarshal.GetReference(yb);
        int vectorCols = cols - cols % Lanes;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref float w0 = ref Unsafe.Add(ref W, r * cols);
            ref float w1 = ref Unsafe.Add(ref w0, cols);
            ref float w2 = ref Unsafe.Add(ref w1, cols);
            ref float w3 = ref Unsafe.Add(ref w2, cols);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            for (int j = 0; j < vectorCols; j += Lanes)
            {
                var x = Vector256.LoadUnsafe(ref A, (nuint)j);
                var z = Vector256.LoadUnsafe(ref B, (nuint)j);
                var m0 = Vector256.LoadUnsafe(ref w0, (nuint)j);
                var m1 = Vector256.LoadUnsafe(ref w1, (nuint)j);
                var m2 = Vector256.LoadUnsafe(ref w2, (nuint)j);
                var m3 = Vector256.LoadUnsafe(ref w3, (nuint)j);
                a0 = Vector256.FusedMultiplyAdd(m0, x, a0); b0 = Vector256.FusedMultiplyAdd(m0, z, b0);
                a1 = Vector256.FusedMultiplyAdd(m1, x, a1); b1 = Vector256.FusedMultiplyAdd(m1, z, b1);
                a2 = Vector256.FusedMultiplyAdd(m2, x, a2); b2 = Vector256.FusedMultiplyAdd(m2, z, b2);
                a3 = Vector256.FusedMultiplyAdd(m3, x, a3); b3 = Vector256.FusedMultiplyAdd(m3, z, b3);
            }
            var sa = SumEach(a0, a1, a2, a3);
            var sb = SumEach(b0, b1, b2, b3);
            if (vectorCols == cols)
            {
                sa.StoreUnsafe(ref YA, (nuint)r);
                sb.StoreUnsafe(ref YB, (nuint)r);
                continue;
            }
            for (int k = 0; k < 4; k++)
            {
                ref float wk = ref Unsafe.Add(ref w0, k * cols);
                float ta = sa.GetElement(k), tb = sb.GetElement(k);
                for (int j = vectorCols; j < cols; j++)
                {
                    ta = MathF.FusedMultiplyAdd(Unsafe.Add(ref wk, j), Unsafe.Add(ref A, j), ta);
                    tb = MathF.FusedMultiplyAdd(Unsafe.Add(ref wk, j), Unsafe.Add(ref B, j), tb);
                }
                Unsafe.Add(ref YA, r + k) = ta;
                Unsafe.Add(ref YB, r + k) = tb;
            }
        }
        for (; r < rows; r++)
        {
            Unsafe.Add(ref YA, r) = Dot(ref Unsafe.Add(ref W, r * cols), ref A, cols);
            Unsafe.Add(ref YB, r) = Dot(ref Unsafe.Add(ref W, r * cols), ref B, cols);
        }
    }

    /// <summary>(Vector256.Sum(a0), …, Vector256.Sum(a3)), each summed in Sum's order: ((x0 + x1) + (x2 + x3)) + ((x4 + x5) +
    /// (x6 + x7)), i.e. the sum of the lower half, then of the upper half, then the two added.</summary>
    /// <remarks>Three horizontal adds and one vertical add form the same tree for four vectors at once: the first two
    /// give the pairs, the third the half sums (lower halves of a0..a3 in the lower 128 bits, upper halves in the upper),
    /// and adding the two 128-bit halves adds lower to upper. The same additions in the same order, so the same bits, in
    /// about a quarter of the instructions (MatVec reduces four rows per block; measured on the report's W_hh,
    /// 0.73 → 0.59–0.65 µs). Without AVX, Sum itself.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SumEach(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        if (!Avx.IsSupported) return Vector128.Create(Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
        var halves = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        return halves.GetLower() + halves.GetUpper();
    }

    /// <summary>y[j] += Σ_r w[r, j]·v[r] for a row-major (rows, cols) w: y += Wᵀv, the backward of <see cref="MatVec"/> with
    /// respect to its vector (truncated BPTT's dL/dh = W_hhᵀ dL/dgates).</summary>
    /// <remarks>Each output is summed from its old value down the rows in order, one fma per row: the order is fixed for a
    /// given shape. 64 columns at a time keep eight independent accumulators in registers, so every row of w is read once
    /// per pass and the fma latency is hidden; 8 columns at a time, then the scalar tail, cover other widths.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTransposedMatVec(ReadOnlySpan<float> w, ReadOnlySpan<float> v, Span<float> y)
    {
        int rows = v.Length, cols = y.Length;
        if (w.Length != rows * cols) throw new ArgumentException("w must be (v.Length, y.Length)");
        ref float W = ref MemoryMarshal.GetReference(w);
        ref float V = ref MemoryMarshal.GetReference(v);
        ref float Y = ref MemoryMarshal.GetReference(y);
        int j = 0;
        for (; j <= cols - 8 * Lanes; j += 8 * Lanes)
        {
            ref float y0 = ref Unsafe.Add(ref Y, j);
            var a0 = Vector256.LoadUnsafe(ref y0, 0); var a1 = Vector256.LoadUnsafe(ref y0, 8);
            var a2 = Vector256.LoadUnsafe(ref y0, 16); var a3 = Vector256.LoadUnsafe(ref y0, 24);
            var a4 = Vector256.LoadUnsafe(ref y0, 32); var a5 = Vector256.LoadUnsafe(ref y0, 40);
            var a6 = Vector256.LoadUnsafe(ref y0, 48); var a7 = Vector256.LoadUnsafe(ref y0, 56);
            for (int r = 0; r < rows; r++)
            {
                var s = Vector256.Create(Unsafe.Add(ref V, r));
                ref float row = ref Unsafe.Add(ref W, r * cols + j);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 0), s, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), s, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), s, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), s, a3);
                a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), s, a4);
                a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), s, a5);
                a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), s, a6);
                a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), s, a7);
            }
            a0.StoreUnsafe(ref y0, 0); a1.StoreUnsafe(ref y0, 8); a2.StoreUnsafe(ref y0, 16); a3.StoreUnsafe(ref y0, 24);
            a4.StoreUnsafe(ref y0, 32); a5.StoreUnsafe(ref y0, 40); a6.StoreUnsafe(ref y0, 48); a7.StoreUnsafe(ref y0, 56);
        }
        for (; j <= cols - Lanes; j += Lanes)
        {
            var a = Vector256.LoadUnsafe(ref Y, (nuint)j);
            for (int r = 0; r < rows; r++)
                a = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref W, (nuint)(r * cols + j)), Vector256.Create(Unsafe.Add(ref V, r)), a);
            a.StoreUnsafe(ref Y, (nuint)j);
        }
        for (; j < cols; j++)
        {
            float a = Unsafe.Add(ref Y, j);
            for (int r = 0; r < rows; r++) a = MathF.FusedMultiplyAdd(Unsafe.Add(ref W, r * cols + j), Unsafe.Add(ref V, r), a);
            Unsafe.Add(ref Y, j) = a;
        }
    }

    /// <summary>g[r, j] = Σ_t d[t, r]·v[t, j], or g[r, j] += that sum when <paramref name="accumulate"/>, for row-major
    /// d (steps, rows), v (steps, cols) and g (rows, cols): g = dᵀv, the weight gradient of a linear layer applied at
    /// <paramref name="steps"/> time steps (one rank-one term per step). Returns Σ g[r, j]² of the result.</summary>
    /// <remarks>
    /// The sum over steps runs in registers (fma per step, steps in order) and is added to the old gradient once, as
    /// autograd adds a tensor's summed gradient: one read and one write of g per window instead of one per step. Two rows
    /// share each load of v, so eight independent accumulators hide the fma latency. Σg² is summed element by element in
    /// fixed lanes. Every order here is fixed by the shape, the same on every instruction set.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float AddOuterProducts(Span<float> g, ReadOnlySpan<float> d, ReadOnlySpan<float> v, int steps, bool accumulate)
    {
        if (steps < 1 || d.Length % steps != 0 || v.Length % steps != 0) throw new ArgumentException("d and v must hold whole steps");
        int rows = d.Length / steps, cols = v.Length / steps;
        if (g.Length != rows * cols) throw new ArgumentException("g must be (d.Length / steps, v.Length / steps)");
        ref float G = ref MemoryMarshal.GetReference(g);
        ref float D = ref MemoryMarshal.GetReference(d);
        ref float V = ref MemoryMarshal.GetReference(v);
        Vector256<float> q0 = default, q1 = default;
        float tail = 0f;
        int r = 0;
        for (; r + 2 <= rows; r += 2)
        {
            ref float g0 = ref Unsafe.Add(ref G, r * cols);
            ref float g1 = ref Unsafe.Add(ref g0, cols);
            int j = 0;
            for (; j <= cols - 4 * Lanes; j += 4 * Lanes)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
                for (int t = 0; t < steps; t++)
                {
                    var s0 = Vector256.Create(Unsafe.Add(ref D, t * rows + r));
                    var s1 = Vector256.Create(Unsafe.Add(ref D, t * rows + r + 1));
                    ref float vt = ref Unsafe.Add(ref V, t * cols + j);
                    var v0 = Vector256.LoadUnsafe(ref vt, 0); var v1 = Vector256.LoadUnsafe(ref vt, 8);
                    var v2 = Vector256.LoadUnsafe(ref vt, 16); var v3 = Vector256.LoadUnsafe(ref vt, 24);
                    a0 = Vector256.FusedMultiplyAdd(v0, s0, a0); a1 = Vector256.FusedMultiplyAdd(v1, s0, a1);
                    a2 = Vector256.FusedMultiplyAdd(v2, s0, a2); a3 = Vector256.FusedMultiplyAdd(v3, s0, a3);
                    b0 = Vector256.FusedMultiplyAdd(v0, s1, b0); b1 = Vector256.FusedMultiplyAdd(v1, s1, b1);
                    b2 = Vector256.FusedMultiplyAdd(v2, s1, b2); b3 = Vector256.FusedMultiplyAdd(v3, s1, b3);
                }
                q0 = Store(ref g0, j, a0, accumulate, q0); q1 = Store(ref g0, j + Lanes, a1, accumulate, q1);
                q0 = Store(ref g0, j + 2 * Lanes, a2, accumulate, q0); q1 = Store(ref g0, j + 3 * Lanes, a3, accumulate, q1);
                q0 = Store(ref g1, j, b0, accumulate, q0); q1 = Store(ref g1, j + Lanes, b1, accumulate, q1);
                q0 = Store(ref g1, j + 2 * Lanes, b2, accumulate, q0); q1 = Store(ref g1, j + 3 * Lanes, b3, accumulate, q1);
            }
            for (; j <= cols - Lanes; j += Lanes)
            {
                Vector256<float> a = default, b = default;
                for (int t = 0; t < steps; t++)
                {
                    var vt = Vector256.LoadUnsafe(ref V, (nuint)(t * cols + j));
                    a = Vector256.FusedMultiplyAdd(vt, Vector256.Create(Unsafe.Add(ref D, t * rows + r)), a);
                    b = Vector256.FusedMultiplyAdd(vt, Vector256.Create(Unsafe.Add(ref D, t * rows + r + 1)), b);
                }
                q0 = Store(ref g0, j, a, accumulate, q0);
                q1 = Store(ref g1, j, b, accumulate, q1);
            }
            for (; j < cols; j++)
            {
                tail = StoreScalar(ref Unsafe.Add(ref g0, j), SumOfProducts(ref D, rows, r, ref V, cols, j, steps), accumulate, tail);
                tail = StoreScalar(ref Unsafe.Add(ref g1, j), SumOfProducts(ref D, rows, r + 1, ref V, cols, j, steps), accumulate, tail);
            }
        }
        for (; r < rows; r++)
        {
            ref float g0 = ref Unsafe.Add(ref G, r * cols);
            int j = 0;
            for (; j <= cols - Lanes; j += Lanes)
            {
                Vector256<float> a = default;
                for (int t = 0; t < steps; t++)
                    a = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref V, (nuint)(t * cols + j)), Vector256.Create(Unsafe.Add(ref D, t * rows + r)), a);
                q0 = Store(ref g0, j, a, accumulate, q0);
            }
            for (; j < cols; j++)
                tail = StoreScalar(ref Unsafe.Add(ref g0, j), SumOfProducts(ref D, rows, r, ref V, cols, j, steps), accumulate, tail);
        }
        return Vector256.Sum(q0 + q1) + tail;
    }

    // g[j..j+8] = sum (or old + sum); returns squares + result² per lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Store(ref float g, int j, Vector256<float> sum, bool accumulate, Vector256<float> squares)
    {
        if (accumulate) sum = Vector256.LoadUnsafe(ref g, (nuint)j) + sum;
        sum.StoreUnsafe(ref g, (nuint)j);
        return Vector256.FusedMultiplyAdd(sum, sum, squares);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float StoreScalar(ref float g, float sum, bool accumulate, float squares)
    {
        if (accumulate) sum = g + sum;
        g = sum;
        return MathF.FusedMultiplyAdd(sum, sum, squares);
    }

    // Σ_t d[t, r]·v[t, j], one fma per step in order: the scalar lane of AddOuterProducts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SumOfProducts(ref float d, int rows, int r, ref float v, int cols, int j, int steps)
    {
        float a = 0f;
        for (int t = 0; t < steps; t++) a = MathF.FusedMultiplyAdd(Unsafe.Add(ref v, t * cols + j), Unsafe.Add(ref d, t * rows + r), a);
        return a;
    }

    /// <summary>Σ_j a[j]·b[j], summed exactly as one row of <see cref="MatVec"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("a and b must have the same length");
        return Dot(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(ref float a, ref float b, int n)
    {
        int vectorN = n - n % Lanes;
        Vector256<float> acc = default;
        for (int j = 0; j < vectorN; j += Lanes)
            acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, (nuint)j), Vector256.LoadUnsafe(ref b, (nuint)j), acc);
        float s = Vector256.Sum(acc);
        for (int j = vectorN; j < n; j++) s = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, j), Unsafe.Add(ref b, j), s);
        return s;
    }

    /// <summary>g[r, j] = d[r]·v[j], or g[r, j] += d[r]·v[j] when <paramref name="accumulate"/>, for a row-major (rows, cols) g:
    /// the weight gradient of a batch-1 linear layer. Returns Σ g[r, j]² of the result (for clip_grad_norm_).</summary>
    /// <remarks>
    /// The product is rounded before it is added, as autograd computes the new gradient then accumulates it; writing it
    /// over a gradient known to be zero gives the same bits as adding it (0 + x = x) without reading the old value.
    /// A fresh gradient is rank one, so its Σg² is (Σ d²)(Σ v²): O(rows + cols) instead of a dependent chain of rows·cols
    /// multiply-adds (it differs from summing the rounded products by float rounding only). An accumulated gradient is summed
    /// element by element in four fixed 8-lane accumulators. Both orders are the same on every instruction set.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float OuterProduct(Span<float> g, ReadOnlySpan<float> d, ReadOnlySpan<float> v, bool accumulate)
    {
        int rows = d.Length, cols = v.Length;
        if (g.Length != rows * cols) throw new ArgumentException("g must be (d.Length, v.Length)");
        ref float G = ref MemoryMarshal.GetReference(g);
        ref float V = ref MemoryMarshal.GetReference(v);
        if (!accumulate)
        {
            // Elementwise, so 16 lanes where the CPU runs them well give the same bits as 8 lanes or the scalar tail.
            bool wide = Vector512.IsHardwareAccelerated;
            for (int r = 0; r < rows; r++)
            {
                float dr = d[r];
                ref float row = ref Unsafe.Add(ref G, r * cols);
                int j = 0;
                if (wide)
                {
                    var dw = Vector512.Create(dr);
                    for (; j <= cols - 2 * Lanes; j += 2 * Lanes) (dw * Vector512.LoadUnsafe(ref V, (nuint)j)).StoreUnsafe(ref row, (nuint)j);
                }
                var dv = Vector256.Create(dr);
                for (; j <= cols - Lanes; j += Lanes) (dv * Vector256.LoadUnsafe(ref V, (nuint)j)).StoreUnsafe(ref row, (nuint)j);
                for (; j < cols; j++) Unsafe.Add(ref row, j) = dr * Unsafe.Add(ref V, j);
            }
            return SumOfSquares(d) * SumOfSquares(v);
        }

        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        float tail = 0f;
        for (int r = 0; r < rows; r++)
        {
            float dr = d[r];
            var dv = Vector256.Create(dr);
            ref float row = ref Unsafe.Add(ref G, r * cols);
            int j = 0;
            for (; j <= cols - 4 * Lanes; j += 4 * Lanes)
            {
                a0 = AddProduct(ref row, ref V, j, dv, a0);
                a1 = AddProduct(ref row, ref V, j + Lanes, dv, a1);
                a2 = AddProduct(ref row, ref V, j + 2 * Lanes, dv, a2);
                a3 = AddProduct(ref row, ref V, j + 3 * Lanes, dv, a3);
            }
            if (j <= cols - Lanes) { a0 = AddProduct(ref row, ref V, j, dv, a0); j += Lanes; }
            if (j <= cols - Lanes) { a1 = AddProduct(ref row, ref V, j, dv, a1); j += Lanes; }
            if (j <= cols - Lanes) { a2 = AddProduct(ref row, ref V, j, dv, a2); j += Lanes; }
            for (; j < cols; j++)
            {
                float x = Unsafe.Add(ref row, j) + dr * Unsafe.Add(ref V, j);
                Unsafe.Add(ref row, j) = x;
                tail = MathF.FusedMultiplyAdd(x, x, tail);
            }
        }
        return Vector256.Sum((a0 + a1) + (a2 + a3)) + tail;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> AddProduct(ref float row, ref float v, int j, Vector256<float> d, Vector256<float> squares)
    {
        var x = Vector256.LoadUnsafe(ref row, (nuint)j) + d * Vector256.LoadUnsafe(ref v, (nuint)j);
        x.StoreUnsafe(ref row, (nuint)j);
        return Vector256.FusedMultiplyAdd(x, x, squares);
    }

    /// <summary>g[j] = d[j], or g[j] += d[j] when <paramref name="accumulate"/>; returns Σ g[j]² of the result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Accumulate(Span<float> g, ReadOnlySpan<float> d, bool accumulate)
    {
        if (g.Length != d.Length) throw new ArgumentException("g and d must have the same length");
        ref float G = ref MemoryMarshal.GetReference(g);
        ref float D = ref MemoryMarshal.GetReference(d);
        int n = g.Length, j = 0;
        Vector256<float> squares = default;
        for (; j <= n - Lanes; j += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref D, (nuint)j);
            if (accumulate) x = Vector256.LoadUnsafe(ref G, (nuint)j) + x;
            x.StoreUnsafe(ref G, (nuint)j);
            squares = Vector256.FusedMultiplyAdd(x, x, squares);
        }
        float tail = 0f;
        for (; j < n; j++)
        {
            float x = Unsafe.Add(ref D, j);
            if (accumulate) x = Unsafe.Add(ref G, j) + x;
            Unsafe.Add(ref G, j) = x;
            tail = MathF.FusedMultiplyAdd(x, x, tail);
        }
        return Vector256.Sum(squares) + tail;
    }

    /// <summary>Σ_j x[j]², in 4 × 8 float lanes then reduced, as PyTorch's vectorised 2-norm accumulates in float.</summary>
    /// <remarks>Four accumulators hide the fma latency; the summation order is fixed (not CPU-dependent).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumOfSquares(ReadOnlySpan<float> x)
    {
        ref float X = ref MemoryMarshal.GetReference(x);
        int n = x.Length, j = 0;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; j <= n - 4 * Lanes; j += 4 * Lanes)
        {
            var v0 = Vector256.LoadUnsafe(ref X, (nuint)j);
            var v1 = Vector256.LoadUnsafe(ref X, (nuint)(j + Lanes));
            var v2 = Vector256.LoadUnsafe(ref X, (nuint)(j + 2 * Lanes));
            var v3 = Vector256.LoadUnsafe(ref X, (nuint)(j + 3 * Lanes));
            a0 = Vector256.FusedMultiplyAdd(v0, v0, a0);
            a1 = Vector256.FusedMultiplyAdd(v1, v1, a1);
            a2 = Vector256.FusedMultiplyAdd(v2, v2, a2);
            a3 = Vector256.FusedMultiplyAdd(v3, v3, a3);
        }
        for (; j <= n - Lanes; j += Lanes)
        {
            var v = Vector256.LoadUnsafe(ref X, (nuint)j);
            a0 = Vector256.FusedMultiplyAdd(v, v, a0);
        }
        float s = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; j < n; j++) s = MathF.FusedMultiplyAdd(Unsafe.Add(ref X, j), Unsafe.Add(ref X, j), s);
        return s;
    }
}
