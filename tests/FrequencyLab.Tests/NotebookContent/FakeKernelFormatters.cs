using System.Collections.Concurrent;

// Stand-ins with shapes the real kernel's Formatter (used by KernelFormattingTests) does not have: an older kernel's
// overload with a trailing optional parameter, and a formatter without the overload KernelFormatting needs.
namespace FrequencyLab.Tests.NotebookContent.OlderKernel
{
    /// <summary>The older kernels' shape, with a trailing optional addToDefaults.</summary>
    public static class Formatter
    {
        public static readonly ConcurrentQueue<(Type Type, string MimeType, bool AddToDefaults)> Registered = new();

        public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/plain", bool addToDefaults = false) =>
            Registered.Enqueue((type, mimeType, addToDefaults));
    }
}

namespace FrequencyLab.Tests.NotebookContent.UnsupportedKernel
{
    /// <summary>A formatter without the overload KernelFormatting needs.</summary>
    public static class Formatter
    {
        public static void Register(Type type, Func<object, string> formatter) { }
    }
}
