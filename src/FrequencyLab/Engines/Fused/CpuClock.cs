using System.Runtime.InteropServices;

namespace FrequencyLab.Engines.Fused;

/// <summary>CPU time actually spent running, from clock_gettime (Linux only): on a machine shared with other jobs, wall time
/// measures the neighbours as much as the code.</summary>
public static partial class CpuClock
{
    private const int ThreadCpuTime = 3;  // CLOCK_THREAD_CPUTIME_ID
    private const int ProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static double Read(int clock)
    {
        if (ClockGetTime(clock, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    /// <summary>Seconds of CPU this thread has used.</summary>
    public static double Thread() => Read(ThreadCpuTime);

    /// <summary>Seconds of CPU all threads of this process have used.</summary>
    public static double Process() => Read(ProcessCpuTime);
}
