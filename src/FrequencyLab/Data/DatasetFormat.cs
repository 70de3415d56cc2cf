namespace FrequencyLab.Data;

/// <summary>The file formats <see cref="DatasetIO"/> reads and writes; chosen from the extension (.npy, .csv) by default.</summary>
public enum DatasetFormat
{
    /// <summary>A NumPy .npy array of shape (rows, 1+K+1): columns [S, C1..CK, target].</summary>
    Npy,
    /// <summary>A CSV table with header <c>t,S,C1..CK,target</c> (t only when the spec is known), written through a DataFrame.</summary>
    Csv,
}
