namespace FrequencyLab.Native;

/// <summary>One byte the patch changes.</summary>
public readonly record struct ByteEdit(long Offset, byte Before, byte After);
