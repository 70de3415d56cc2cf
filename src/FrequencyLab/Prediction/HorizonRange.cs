namespace FrequencyLab.Prediction;

/// <summary>
/// How far ahead of the last observed epoch a forecast is: <paramref name="From"/> … <paramref name="To"/> epochs
/// (null: no upper end). The calibration scales the band separately in each range, because a band that is right one epoch
/// ahead can be far too narrow twenty epochs ahead (the deviations of a real curve are correlated, so they add up).
/// </summary>
public sealed record HorizonRange(int From, int? To)
{
    /// <summary>1, 2–5, 6–10, 11–20 and 21+ epochs ahead.</summary>
    public static IReadOnlyList<HorizonRange> Standard { get; } = [new(1, 1), new(2, 5), new(6, 10), new(11, 20), new(21, null)];

    public bool Contains(int ahead) => ahead >= From && (To is not int to || ahead <= to);

    /// <summary>"1", "2–5", "21+".</summary>
    public string Label => To is not int to ? $"{From}+" : to == From ? $"{From}" : $"{From}–{to}";

    /// <summary>The range of <paramref name="ranges"/> holding <paramref name="ahead"/> epochs ahead, or −1.</summary>
    public static int IndexOf(IReadOnlyList<HorizonRange> ranges, int ahead)
    {
        for (int i = 0; i < ranges.Count; i++) if (ranges[i].Contains(ahead)) return i;
        return -1;
    }
}
