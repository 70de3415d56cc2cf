namespace FrequencyLab.Tests.Data;

/// <summary>Remembers the bytes of some files (absent ones as absent) so a test can assert nothing changed them.</summary>
internal sealed class PriorFiles
{
    private readonly Dictionary<string, byte[]?> _bytes;

    public PriorFiles(params string[] paths) =>
        _bytes = paths.ToDictionary(p => p, p => File.Exists(p) ? File.ReadAllBytes(p) : null);

    public void AssertUnchanged()
    {
        foreach (var (path, bytes) in _bytes)
        {
            if (bytes is null) Assert.False(File.Exists(path), $"{path} appeared");
            else Assert.True(File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes), $"{path} changed");
        }
        // No temporary file of AtomicFile left behind either.
        foreach (var dir in _bytes.Keys.Select(Path.GetDirectoryName).Distinct())
            Assert.Empty(Directory.GetFiles(dir!, "*.tmp"));
    }
}
