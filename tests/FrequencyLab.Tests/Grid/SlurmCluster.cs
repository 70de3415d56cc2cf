using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FrequencyLab.Tests.Grid;

/// <summary>
/// A real single-node Slurm in a temp folder for the cluster-grid tests: munged with a generated key, slurmctld and slurmd
/// with their own slurm.conf (SlurmUser=root, proctrack/linuxproc, task/none, select/cons_tres, one node with CPUs=2,
/// free ports, pid, log and state files in the folder). Started once per test class; stopped by its pid files, and
/// <see cref="Dispose"/> checks that none of its daemons is left running.
/// </summary>
/// <remarks>Client commands (sbatch, squeue, scancel, freqlab itself) run as child processes with SLURM_CONF pointing at this
/// cluster, so nothing in the test process is changed. Needs the Debian packages slurm-wlm and munge (scripts/setup.sh).</remarks>
public sealed class SlurmCluster : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "freqlab-slurm", Guid.NewGuid().ToString("N")[..12]);
    public string Conf => Path.Combine(Root, "slurm.conf");
    private string MungeSocket => Path.Combine(Root, "munge", "munge.sock");
    private readonly string[] _pidFiles;

    public SlurmCluster()
    {
        foreach (var tool in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd" })
            if (!File.Exists(tool)) throw new InvalidOperationException($"{tool} is missing: run scripts/setup.sh (Debian packages slurm-wlm and munge)");
        foreach (var d in new[] { "munge", "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(Root, d));
        _pidFiles = [Path.Combine(Root, "slurmd.pid"), Path.Combine(Root, "slurmctld.pid"), Path.Combine(Root, "munge", "munged.pid")];
        var key = Path.Combine(Root, "munge", "munge.key");
        File.WriteAllBytes(key, RandomNumberGenerator.GetBytes(1024));
        // munged refuses a key others can read. Slurm runs on Linux only.
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Slurm runs on Linux");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var node = Dns.GetHostName().Split('.')[0];
        File.WriteAllText(Conf, string.Join('\n',
            "ClusterName=freqlabtest", $"SlurmctldHost={node}", "SlurmUser=root", "SlurmdUser=root",
            "AuthType=auth/munge", $"AuthInfo=socket={MungeSocket}", "CredType=cred/munge",
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "SelectType=select/cons_tres", "SelectTypeParameters=CR_CPU",
            "SchedulerType=sched/backfill", "MpiDefault=none", "ReturnToService=2",
            "JobAcctGatherType=jobacct_gather/none", "AccountingStorageType=accounting_storage/none",
            $"SlurmctldPort={FreePort()}", $"SlurmdPort={FreePort()}",
            $"SlurmctldPidFile={_pidFiles[1]}", $"SlurmdPidFile={_pidFiles[0]}",
            $"SlurmctldLogFile={Path.Combine(Root, "log", "slurmctld.log")}", $"SlurmdLogFile={Path.Combine(Root, "log", "slurmd.log")}",
            $"StateSaveLocation={Path.Combine(Root, "state")}", $"SlurmdSpoolDir={Path.Combine(Root, "spool")}",
            $"NodeName={node} CPUs=2 State=UNKNOWN", $"PartitionName=debug Nodes={node} Default=YES MaxTime=INFINITE State=UP", ""));
        try
        {
            Check(Run("/usr/sbin/munged", "--force", $"--key-file={key}", $"--socket={MungeSocket}", $"--pid-file={_pidFiles[2]}",
                $"--log-file={Path.Combine(Root, "munge", "munged.log")}", $"--seed-file={Path.Combine(Root, "munge", "munged.seed")}"), "munged");
            Check(Run("/usr/sbin/slurmctld", "-i"), "slurmctld");
            Check(Run("/usr/sbin/slurmd"), "slurmd");
            // The node registers with the controller within seconds; the bound only turns a broken setup into a message.
            var clock = Stopwatch.StartNew();
            string state = "";
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                state = Run("sinfo", "--noheader", "--format=%T").StdOut.Trim();
                if (state == "idle") return;
                Thread.Sleep(200);
            }
            throw new InvalidOperationException($"the Slurm node never became idle (sinfo: '{state}'); slurmctld.log: {Tail("slurmctld.log")}; slurmd.log: {Tail("slurmd.log")}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Runs a command with SLURM_CONF set to this cluster; waits for it.</summary>
    public (int Code, string StdOut, string StdErr) Run(string file, params string[] args)
    {
        using var p = Process.Start(StartInfo(file, args))!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    /// <summary>Waits (at most 5 minutes) until no array element submitted from <paramref name="script"/> is queued or running.</summary>
    public void WaitUntilLeftQueue(string script)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var q = Run("squeue", "--noheader", "--array", "--format=%o");
            Assert.True(q.Code == 0, q.StdErr);
            if (!q.StdOut.Split('\n').Any(l => l.Trim() == script)) return;
            Thread.Sleep(250);
        }
        Assert.Fail("the array did not leave the queue within 5 minutes");
    }

    /// <summary>The built freqlab (dotnet freqlab.dll), as a cluster node and a user on the login node run it.</summary>
    public (int Code, string StdOut, string StdErr) Freqlab(params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "freqlab.dll"), .. args]);

    public ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SLURM_CONF"] = Conf;
        return psi;
    }

    private string Tail(string log)
    {
        var path = Path.Combine(Root, "log", log);
        return File.Exists(path) ? string.Join(" | ", File.ReadLines(path).TakeLast(5)) : "(none)";
    }

    private static void Check((int Code, string StdOut, string StdErr) r, string what)
    {
        if (r.Code != 0) throw new InvalidOperationException($"{what} did not start (exit {r.Code}): {r.StdErr.Trim()} {r.StdOut.Trim()}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>The pids of this cluster's daemons still alive.</summary>
    public IReadOnlyList<int> LiveDaemons() => _pidFiles
        .Select(f => File.Exists(f) && int.TryParse(File.ReadAllText(f).Trim(), out int pid) ? pid : 0)
        .Where(pid => pid > 0 && Directory.Exists($"/proc/{pid}")).ToArray();

    public void Dispose()
    {
        // Jobs first (their steps end with them), then the daemons by their pid files: slurmd, slurmctld, munged.
        if (File.Exists(Conf) && File.Exists(_pidFiles[1])) Run("scancel", "--me", "--full");
        foreach (var pidFile in _pidFiles)
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) continue;
            if (!Directory.Exists($"/proc/{pid}")) continue;
            Run("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < 200 && Directory.Exists($"/proc/{pid}"); i++) Thread.Sleep(50);
            if (Directory.Exists($"/proc/{pid}")) Run("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var left = LiveDaemons();
        if (left.Count > 0) throw new InvalidOperationException($"Slurm daemons still running after stop: {string.Join(", ", left)}");
        // And nothing else started from this folder (munged's command line names it): pgrep exits 1 when it finds none.
        var pgrep = Run("pgrep", "-a", "-f", Root);
        if (pgrep.Code == 0) throw new InvalidOperationException($"processes of the test cluster still running: {pgrep.StdOut.Trim()}");
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
