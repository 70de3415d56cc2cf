using System.CommandLine;
using FrequencyLab.Engines;

namespace FrequencyLab.Cli.Options;

/// <summary>
/// The flags many verbs have, declared once: the same name, value checks and help shape everywhere; each verb gives only
/// its own description (what --out holds, what --workers runs at once).
/// </summary>
internal static class SharedOptions
{
    /// <summary><c>--json</c>: machine output instead of tables.</summary>
    public static Option<bool> Json(string description) => new("--json") { Description = description };

    /// <summary><c>--out</c>: the folder or file a verb writes.</summary>
    public static Option<string?> Out(string description, string helpName = "DIR") =>
        new("--out") { Description = description, HelpName = helpName };

    /// <summary><c>--engine</c>: a training engine, one of <paramref name="names"/> (default <see cref="EngineFactory.Names"/>).</summary>
    public static Option<string?> Engine(string description, IReadOnlyList<string>? names = null)
    {
        var allowed = names ?? EngineFactory.Names;
        var option = new Option<string?>("--engine") { Description = description, HelpName = string.Join('|', allowed) };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!allowed.Contains(token.Value, StringComparer.Ordinal))
                    result.AddError($"--engine: unknown engine '{token.Value}' (expected {string.Join(" or ", allowed)})");
        });
        return option;
    }

    /// <summary><c>--workers</c>: how many things run at once, at least 1; absent means one per core. One name for parallelism in every verb; <c>--jobs</c> (reproduce's earlier name) is accepted as an alias.</summary>
    public static Option<int?> Workers(string description) =>
        new Option<int?>("--workers", "--jobs") { Description = description, HelpName = "N" }.AtLeast(1);

    /// <summary>A count that must be at least 1 (steps, models, seeds).</summary>
    public static Option<int?> Count(string name, string description, string helpName = "N") =>
        new Option<int?>(name) { Description = description, HelpName = helpName }.AtLeast(1);

    /// <summary>A finite number.</summary>
    public static Option<double?> Number(string name, string description, string? helpName = null) =>
        new Option<double?>(name) { Description = description, HelpName = helpName }.Finite();

    /// <summary>A string flag whose value is one of <paramref name="allowed"/>.</summary>
    public static Option<string?> Choice(string name, string description, params string[] allowed) =>
        new Option<string?>(name) { Description = description }.OneOf(allowed);
}
