using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

public class NumpyRandomTests
{
    // Printed by numpy 1.24.2 (Debian python3-numpy):
    // np.random.default_rng(s).bit_generator.random_raw(3) and np.random.default_rng(s).random()
    [Theory]
    [InlineData(0UL, 11749869230777074271UL, 4976686463289251617UL, 755828109848996024UL, 0.6369616873214543)]
    [InlineData(1UL, 9441442522235856127UL, 17532960557476522086UL, 2659275481604167885UL, 0.5118216247002567)]
    [InlineData(2UL, 4825892087074085057UL, 5506189730829267300UL, 15019813854969311518UL, 0.2616121342493164)]
    [InlineData(42UL, 14276969152011380360UL, 8095878257575067585UL, 15838336090824644132UL, 0.7739560485559633)]
    [InlineData(4294967301UL, 14281546376153053393UL, 8683300866460616067UL, 12836726618003871680UL, 0.7742041803738812)]
    public void Raw_outputs_and_first_double_match_numpy(ulong seed, ulong r0, ulong r1, ulong r2, double first)
    {
        var rng = new NumpyRandom(seed);
        Assert.Equal(new[] { r0, r1, r2 }, new[] { rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64() });
        Assert.Equal(first, new NumpyRandom(seed).NextDouble());
    }
}
