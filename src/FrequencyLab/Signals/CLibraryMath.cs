using System.Runtime.InteropServices;

namespace FrequencyLab.Signals;

/// <summary>
/// The C library's <c>log1p</c>, which numpy's ziggurat tail calls (npy_log1p). .NET has no log1p of its own
/// (<c>double.LogP1</c> is log(1 + x)), and glibc's log1p(−u) differs from log(1 − u) in the last bit for about
/// 7 % of uniforms u, so a bit-exact port must call the same function numpy calls.
/// </summary>
internal static partial class CLibraryMath
{
    /// <summary>log(1 + x) from the platform's C math library (glibc's libm on Linux, as numpy uses).</summary>
    public static double Log1p(double x) =>
        OperatingSystem.IsWindows() ? WindowsLog1p(x) : OperatingSystem.IsMacOS() ? MacLog1p(x) : LinuxLog1p(x);

    [LibraryImport("libm.so.6", EntryPoint = "log1p")]
    private static partial double LinuxLog1p(double x);

    [LibraryImport("ucrtbase", EntryPoint = "log1p")]
    private static partial double WindowsLog1p(double x);

    [LibraryImport("libSystem.dylib", EntryPoint = "log1p")]
    private static partial double MacLog1p(double x);
}
