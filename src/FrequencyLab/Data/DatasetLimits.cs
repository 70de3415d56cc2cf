namespace FrequencyLab.Data;

/// <summary>
/// The sizes a dataset reader accepts, so that no file, however it is made, can make a read allocate or work without
/// bound. Each limit is checked before the memory it guards is allocated; docs/validation.md lists them.
/// </summary>
public static class DatasetLimits
{
    /// <summary>
    /// The largest data file read (.npy or .csv): 1 GiB. The report's dataset is 1.9 MB as .npy, 2.4 MB as CSV.
    /// </summary>
    public const long MaxDataFileBytes = 1L << 30;

    /// <summary>The largest sidecar read: 16 MiB (a sidecar is under 1 KB; its spec lists each frequency once).</summary>
    public const long MaxSidecarBytes = 16L << 20;

    /// <summary>
    /// The most one-hot columns K: the largest K with K·(K + 2) ≤ <see cref="Array.MaxLength"/>, i.e. one row per
    /// frequency still fits in one array (the same bound <see cref="Signals.SignalSpec.Validate"/> puts on a generated
    /// dataset with one time sample). A file with no rows has no other bound on its width, so this one is needed.
    /// </summary>
    public static int MaxFrequencyCount { get; } = LargestK();

    /// <summary>
    /// The most values rows × (K + 2) a dataset read holds: 2^27 (1 GiB of float64, what a 1 GiB float64 .npy holds;
    /// 22 million rows at K = 4). A CSV's values are counted as they are read, so a file of short numbers cannot hold more.
    /// </summary>
    public const long MaxValues = 1L << 27;

    private static int LargestK()
    {
        int k = (int)Math.Sqrt(Array.MaxLength);
        while ((long)k * (k + 2) > Array.MaxLength) k--;
        return k;
    }
}
