using System.Collections.Concurrent;

// Stand-ins with the shape of Microsoft.DotNet.Interactive.Formatting.Formatter, for the reflection lookup in KernelFormatting.
namespace FrequencyLab.Tests.NotebookContent.FakeKernel
{
    /// <summary>The current kernel's shape: Register(Type, Action, mimeType) beside generic and other overloads.</summary>
    public static class Formatter
    {
        public static readonly ConcurrentQueue<(Type Type, Action<object, TextWriter> Format, string MimeType)> Registered = new();

        public static void Register<T>(Action<T, TextWriter> formatter, string mimeType = "text/plain") =>
            throw new InvalidOperationException("the generic overload must not be chosen");

        public static void Register(Type type, Func<object, string> formatter, string mimeType = "text/plain") =>
            throw new InvalidOperationException("the Func overload must not be chosen");

        public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/plain") =>
            Registered.Enqueue((type, formatter, mimeType));
    }
}

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
