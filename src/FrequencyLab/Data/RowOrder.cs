namespace FrequencyLab.Data;

/// <summary>The order in which the K·N rows of a dataset are presented to an L=1 trainer.</summary>
public enum RowOrder
{
    /// <summary>All rows of f1 in time order, then all of f2, … (the report's layout).</summary>
    Blocks,
    /// <summary>t0: f1..fK, t1: f1..fK, …</summary>
    Interleaved,
}
