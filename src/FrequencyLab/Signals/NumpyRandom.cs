namespace FrequencyLab.Signals;

/// <summary>
/// A bit-exact port of <c>numpy.random.default_rng(seed)</c>: PCG64 (XSL-RR 128/64) seeded through SeedSequence,
/// with <c>random()</c> = (next64 &gt;&gt; 11)·2⁻⁵³, <c>uniform(low, high)</c> = low + (high − low)·random() and
/// <c>standard_normal()</c> / <c>normal(loc, scale)</c> from numpy's ziggurat (<see cref="ZigguratTables"/>).
/// A Python user who draws the same sizes in the same order gets the same doubles, bit for bit.
/// </summary>
/// <remarks>
/// References: numpy/random/bit_generator.pyx (SeedSequence: mix_entropy, generate_state),
/// numpy/random/src/pcg64/pcg64.h (pcg_setseq_128_srandom_r, xsl_rr output), numpy/random/src/distributions (random_uniform,
/// random_standard_normal, random_normal).
/// Not thread safe: one instance per stream.
/// </remarks>
public sealed class NumpyRandom
{
    // SeedSequence hashing constants (bit_generator.pyx).
    private const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
    private const int XShift = 16, PoolSize = 4;
    private static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);

    private UInt128 _state;
    private readonly UInt128 _increment;

    /// <summary>Equivalent to <c>numpy.random.default_rng(seed)</c> for a non-negative integer seed.</summary>
    public NumpyRandom(ulong seed)
    {
        var words = GenerateState64(MixEntropy(EntropyWords(seed)), 4);
        var initState = new UInt128(words[0], words[1]);
        var initSeq = new UInt128(words[2], words[3]);
        _increment = (initSeq << 1) | 1;
        _state = 0;
        Step();
        _state += initState;
        Step();
    }

    /// <summary>The next raw 64-bit output (numpy's <c>bit_generator.random_raw()</c>).</summary>
    public ulong NextUInt64()
    {
        Step();
        ulong hi = (ulong)(_state >> 64), lo = (ulong)_state;
        int rot = (int)(_state >> 122);
        return ulong.RotateRight(hi ^ lo, rot);
    }

    /// <summary>A double in [0, 1) with 53 random bits (numpy's <c>rng.random()</c>).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>numpy's <c>rng.uniform(low, high)</c>: low + (high − low)·random().</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Fills <paramref name="destination"/> in C order, as <c>rng.uniform(low, high, size)</c> does.</summary>
    public void Uniform(double low, double high, Span<double> destination)
    {
        double scale = high - low;
        for (int i = 0; i < destination.Length; i++) destination[i] = low + scale * NextDouble();
    }

    /// <summary>numpy's <c>rng.standard_normal()</c>: one draw from numpy's 256-layer ziggurat.</summary>
    /// <remarks>
    /// Draw order (numpy/random/src/distributions/distributions.c, <c>random_standard_normal</c>): one 64-bit output r;
    /// its low 8 bits pick layer i, bit 8 the sign, bits 9…60 a 52-bit magnitude m; x = ±m·wᵢ. Accepted at once when
    /// m &lt; kᵢ. Otherwise, for i = 0 (base strip) the tail loop draws pairs of doubles u₁, u₂ until
    /// 2·(−log1p(−u₂)) &gt; xx² with xx = −log1p(−u₁)/r, returning ±(r + xx) with the sign from bit 8 of m;
    /// for i ≥ 1 one double u is drawn and x accepted when (fᵢ₋₁ − fᵢ)·u + fᵢ &lt; exp(−x²/2).
    /// A rejection starts over with a new 64-bit output. Tables: <see cref="ZigguratTables"/>.
    /// </remarks>
    public double StandardNormal() => StandardNormal(out _, out _);

    /// <summary>Fills <paramref name="destination"/> in C order, as <c>rng.standard_normal(size)</c> does.</summary>
    public void StandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = StandardNormal(out _, out _);
    }

    /// <summary>numpy's <c>rng.normal(loc, scale)</c>: loc + scale·<see cref="StandardNormal()"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is negative (−0.0 included, NaN not), as numpy raises "scale &lt; 0".</exception>
    public double Normal(double loc, double scale)
    {
        CheckScale(scale);
        return loc + scale * StandardNormal(out _, out _);
    }

    /// <summary>Fills <paramref name="destination"/> in C order, as <c>rng.normal(loc, scale, size)</c> does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is negative (−0.0 included, NaN not), as numpy raises "scale &lt; 0".</exception>
    public void Normal(double loc, double scale, Span<double> destination)
    {
        CheckScale(scale);
        for (int i = 0; i < destination.Length; i++) destination[i] = loc + scale * StandardNormal(out _, out _);
    }

    // numpy's CONS_NON_NEGATIVE: the sign bit set on a non-NaN value is an error, before any draw is consumed.
    private static void CheckScale(double scale)
    {
        if (double.IsNegative(scale) && !double.IsNaN(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale < 0");
    }

    /// <summary><see cref="StandardNormal()"/>, also telling which test accepted the draw and in which layer.</summary>
    internal double StandardNormal(out ZigguratPath path, out int layer)
    {
        var ki = ZigguratTables.Ki;
        var wi = ZigguratTables.Wi;
        var fi = ZigguratTables.Fi;
        while (true)
        {
            ulong r = NextUInt64();
            layer = (int)(r & 0xff);
            r >>= 8;
            bool negative = (r & 1) != 0;
            ulong magnitude = (r >> 1) & 0x000f_ffff_ffff_ffffUL;
            double x = magnitude * wi[layer];
            if (negative) x = -x;
            if (magnitude < ki[layer])
            {
                path = ZigguratPath.Rectangle;
                return x;
            }
            if (layer == 0)
            {
                while (true)
                {
                    // 1 − u instead of u keeps log away from 0 (numpy GH 13361); numpy calls the C library's log1p.
                    double xx = -ZigguratTables.InverseR * CLibraryMath.Log1p(-NextDouble());
                    double yy = -CLibraryMath.Log1p(-NextDouble());
                    if (yy + yy > xx * xx)
                    {
                        path = ZigguratPath.Tail;
                        return ((magnitude >> 8) & 1) != 0 ? -(ZigguratTables.R + xx) : ZigguratTables.R + xx;
                    }
                }
            }
            if ((fi[layer - 1] - fi[layer]) * NextDouble() + fi[layer] < Math.Exp(-0.5 * x * x))
            {
                path = ZigguratPath.Wedge;
                return x;
            }
        }
    }

    private void Step() => _state = _state * Multiplier + _increment;

    // SeedSequence coerces an integer into little-endian 32-bit words; 0 becomes [0].
    private static uint[] EntropyWords(ulong seed) =>
        seed <= uint.MaxValue ? [(uint)seed] : [(uint)seed, (uint)(seed >> 32)];

    private static uint HashMix(uint value, ref uint hashConst)
    {
        value ^= hashConst;
        hashConst *= MultA;
        value *= hashConst;
        value ^= value >> XShift;
        return value;
    }

    private static uint Mix(uint x, uint y)
    {
        uint result = MixMultL * x - MixMultR * y;
        return result ^ (result >> XShift);
    }

    private static uint[] MixEntropy(uint[] entropy)
    {
        var pool = new uint[PoolSize];
        uint hashConst = InitA;
        for (int i = 0; i < PoolSize; i++)
            pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0u, ref hashConst);
        for (int src = 0; src < PoolSize; src++)
            for (int dst = 0; dst < PoolSize; dst++)
                if (src != dst) pool[dst] = Mix(pool[dst], HashMix(pool[src], ref hashConst));
        for (int src = PoolSize; src < entropy.Length; src++)
            for (int dst = 0; dst < PoolSize; dst++)
                pool[dst] = Mix(pool[dst], HashMix(entropy[src], ref hashConst));
        return pool;
    }

    // generate_state(n, np.uint64): 2n 32-bit words cycled from the pool, viewed as little-endian 64-bit words.
    private static ulong[] GenerateState64(uint[] pool, int count)
    {
        var words32 = new uint[count * 2];
        uint hashConst = InitB;
        for (int i = 0; i < words32.Length; i++)
        {
            uint v = pool[i % PoolSize];
            v ^= hashConst;
            hashConst *= MultB;
            v *= hashConst;
            v ^= v >> XShift;
            words32[i] = v;
        }
        var result = new ulong[count];
        for (int i = 0; i < count; i++) result[i] = words32[2 * i] | ((ulong)words32[2 * i + 1] << 32);
        return result;
    }
}
