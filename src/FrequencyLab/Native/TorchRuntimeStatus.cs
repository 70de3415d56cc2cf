namespace FrequencyLab.Native;

/// <summary>How <see cref="TorchRuntime.EnsureLoaded"/> prepared TorchSharp's native library.</summary>
/// <param name="Mode">What was done.</param>
/// <param name="OriginalLibrary">The shipped libLibTorchSharp.so, when found.</param>
/// <param name="LoadedLibrary">The patched copy that was loaded, when <see cref="TorchRuntimeMode.Patched"/>.</param>
/// <param name="LibStdCxx">The libstdc++.so.6 whose versions were checked.</param>
/// <param name="Detail">One human line saying why.</param>
public sealed record TorchRuntimeStatus(TorchRuntimeMode Mode, string? OriginalLibrary, string? LoadedLibrary, string? LibStdCxx, string Detail);

public enum TorchRuntimeMode
{
    /// <summary>Not Linux x64: TorchSharp loads its own way.</summary>
    NotApplicable,
    /// <summary>FREQLAB_NO_TORCH_PATCH=1.</summary>
    Disabled,
    /// <summary>libLibTorchSharp.so was not found where the host looks; TorchSharp will report its own error.</summary>
    NotFound,
    /// <summary>The system libstdc++ defines every needed version: nothing to do.</summary>
    AsShipped,
    /// <summary>A patched copy from the cache folder is loaded and answers TorchSharp's P/Invokes.</summary>
    Patched,
}
