using System.Diagnostics;

namespace FrequencyLab.Native;

/// <summary>Finds the libstdc++.so.6 that the dynamic loader gives this process.</summary>
public static class LibStdCxxLocator
{
    private const string Soname = "libstdc++.so.6";

    private static readonly string[] StandardDirectories =
        ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib"];

    /// <summary>
    /// The copy already mapped into this process (the .NET runtime itself links libstdc++), else the first of
    /// LD_LIBRARY_PATH, <c>ldconfig -p</c> and the standard library folders that has one; null when none is found.
    /// </summary>
    public static string? Locate()
    {
        if (FromProcessMaps() is { } mapped) return mapped;
        var ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "";
        foreach (var dir in ldPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, Soname))) return Path.Combine(dir, Soname);
        if (FromLdconfig() is { } cached) return cached;
        return StandardDirectories.Select(d => Path.Combine(d, Soname)).FirstOrDefault(File.Exists);
    }

    private static string? FromProcessMaps()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                var path = line[slash..].Trim();
                if (Path.GetFileName(path).StartsWith(Soname, StringComparison.Ordinal) && File.Exists(path)) return path;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static string? FromLdconfig()
    {
        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" })
        {
            if (!File.Exists(ldconfig)) continue;
            try
            {
                var psi = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using var p = Process.Start(psi);
                if (p is null) continue;
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit(5000);
                // "	libstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6"
                foreach (var line in output.Split('\n'))
                    if (line.TrimStart().StartsWith(Soname + " ", StringComparison.Ordinal) && line.Contains("x86-64") && line.Contains("=> "))
                        return line[(line.IndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim();
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    }
}
