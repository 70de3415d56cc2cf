using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FrequencyLab.Diagnostics;

/// <summary>Float vectors summed into double accumulators, element by element: the per-row work of the gradient probe
/// (18,241 gradients × 40,000 rows), vectorised.</summary>
/// <remarks>Always 4 double lanes (Vector256, in software where the CPU lacks AVX), never the CPU's widest: the reduction's
/// order, and so its rounding, is then the same on every x86-64 machine. The elementwise sums do not depend on the order.</remarks>
public static class WidenedSums
{
    /// <summary>sum[i] += g[i] for every i (the squares' sum of <see cref="AddAndSumSquares"/> is dropped: one loop for both).</summary>
    public static void Add(ReadOnlySpan<float> g, Span<double> sum) => AddAndSumSquares(g, sum);

    /// <summary>sum[i] += g[i] for every i, and returns Σ g[i]² in double (two 4-lane accumulators, then the tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double AddAndSumSquares(ReadOnlySpan<float> g, Span<double> sum)
    {
        if (sum.Length != g.Length) throw new ArgumentException("g and sum must have the same length");
        ref float G = ref MemoryMarshal.GetReference(g);
        ref double S = ref MemoryMarshal.GetReference(sum);
        int n = g.Length, i = 0;
        Vector256<double> a0 = default, a1 = default;
        for (; i <= n - 8; i += 8)
        {
            var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref G, (nuint)i));
            (Vector256.LoadUnsafe(ref S, (nuint)i) + lo).StoreUnsafe(ref S, (nuint)i);
            (Vector256.LoadUnsafe(ref S, (nuint)(i + 4)) + hi).StoreUnsafe(ref S, (nuint)(i + 4));
            a0 += lo * lo;
            a1 += hi * hi;
        }
        var a = a0 + a1;
        double squares = (a.GetElement(0) + a.GetElement(1)) + (a.GetElement(2) + a.GetElement(3));
        for (; i < n; i++)
        {
            double x = Unsafe.Add(ref G, i);
            Unsafe.Add(ref S, i) += x;
            squares += x * x;
        }
        return squares;
    }
}
