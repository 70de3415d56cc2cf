using System.Diagnostics;
using System.Text.Json;

namespace FrequencyLab.Tests.Charts;

/// <summary>
/// Screenshots a local HTML file with headless Chromium (the flags DESIGN.md gives) while recording Chromium's net log,
/// with every network path closed: a proxy on a port nothing listens on and a resolver that resolves nothing.
/// So a page that needs the network renders incomplete, and the net log shows what it tried.
/// </summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <param name="PageRequests">URLs the page asked for (requests with a page initiator): an offline page has none.</param>
    /// <param name="BrowserRequests">URLs Chromium itself asked for (initiator "not an origin": its clock, updater and
    /// account checks, which the flags reduce but do not stop); they fail against the closed proxy and say nothing about the page.</param>
    public sealed record Result(string ScreenshotPath, IReadOnlyList<string> PageRequests, IReadOnlyList<string> BrowserRequests, string StdErr);

    public static Result Screenshot(string htmlPath, string workDir, int width = 1200, int height = 800)
    {
        var png = Path.Combine(workDir, "screenshot.png");
        var netLog = Path.Combine(workDir, "netlog.json");
        var profile = Path.Combine(workDir, "profile");
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--window-size={width},{height}",
            // Any http(s) request goes to a closed local port and any host name fails to resolve: nothing leaves the machine.
            "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            $"--log-net-log={netLog}", "--net-log-capture-mode=Default",
            // Lets the page's timers run (the chart fragment waits for plotly.js with setTimeout) before the capture.
            "--virtual-time-budget=15000",
            $"--screenshot={png}", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
        }) psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Executable);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(true); throw new TimeoutException("chromium did not finish in 2 minutes"); }
        if (p.ExitCode != 0 || !File.Exists(png))
            throw new InvalidOperationException($"chromium exited {p.ExitCode} without a screenshot: {stderr.Result}");
        var (page, browser) = RequestedUrls(netLog);
        return new Result(png, page, browser, stderr.Result);
    }

    /// <summary>
    /// The URL of every request job in the net log (URL_REQUEST_START_JOB events), split by initiator: Chromium's own
    /// requests carry initiator "not an origin"; a page's carry its origin ("null" for a file:// page).
    /// </summary>
    public static (IReadOnlyList<string> Page, IReadOnlyList<string> Browser) RequestedUrls(string netLogPath)
    {
        var text = File.ReadAllText(netLogPath).TrimEnd();
        // Chromium may end the file without closing the events array when it exits; close it ourselves.
        if (!text.EndsWith('}')) text = text.TrimEnd(',') + "]}";
        using var doc = JsonDocument.Parse(text);
        int startJob = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var page = new List<string>();
        var browser = new List<string>();
        foreach (var ev in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (ev.GetProperty("type").GetInt32() != startJob || !ev.TryGetProperty("params", out var ps)) continue;
            // The job's end event carries only its net_error; the begin event names the URL and the initiator.
            if (!ps.TryGetProperty("url", out var u)) continue;
            var url = u.GetString() ?? "";
            var initiator = ps.TryGetProperty("initiator", out var i) ? i.GetString() : null;
            (initiator == "not an origin" ? browser : page).Add(url);
        }
        return (page, browser);
    }
}
