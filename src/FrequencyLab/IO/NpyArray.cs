namespace FrequencyLab.IO;

/// <summary>
/// An n-dimensional float array read from or written to a .npy file, in C (row-major) order.
/// Values are held as doubles; float32 data widen exactly, so converting back to float loses nothing.
/// </summary>
/// <param name="Values">All elements, row-major; length is the product of <paramref name="Shape"/>.</param>
/// <param name="Shape">numpy's shape tuple; empty for a scalar.</param>
/// <param name="DType">The element type as stored.</param>
/// <param name="Version">The format version the file used.</param>
public sealed record NpyArray(double[] Values, int[] Shape, NpyDType DType, NpyVersion Version)
{
    /// <summary>Number of elements: the product of the shape (1 for a scalar).</summary>
    public long ElementCount => NpyHeader.ElementCount(Shape);

    /// <summary>The values as float32 (exact when <see cref="DType"/> is float32).</summary>
    public float[] ValuesAsSingle() => Array.ConvertAll(Values, v => (float)v);
}
