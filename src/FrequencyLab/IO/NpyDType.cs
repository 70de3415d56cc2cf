namespace FrequencyLab.IO;

/// <summary>The element types the project reads and writes in .npy files: little-endian IEEE floats.</summary>
public enum NpyDType
{
    /// <summary>numpy <c>'&lt;f4'</c>.</summary>
    Float32,
    /// <summary>numpy <c>'&lt;f8'</c>.</summary>
    Float64,
}
