using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FrequencyLab.Cli.Options;

/// <summary>
/// The checks a flag value gets from the parser, so that every verb refuses a bad command line the same way: one
/// <c>freqlab: error:</c> line and exit 2 (<see cref="CliRunner.BadUsage"/>), before any work or any file is written.
/// A value is judged here when it can be judged alone: it does not parse, is not one of the names, an item of a list is
/// malformed, a count that must be at least 1 is not, a number is not finite, two flags that exclude each other are both
/// given, a required flag is missing. What a config's or spec's own validation refuses (a learning rate of 0, a window
/// longer than the data) is a bad config: exit 1, with the library's message.
/// </summary>
/// <remarks>The rules read the tokens as typed: a token that does not parse is already the parser's own error, so a rule
/// skips it rather than adding a second line.</remarks>
internal static class OptionRules
{
    /// <summary>Every value must be one of <paramref name="allowed"/> (like AcceptOnlyFromAmong, but the error is one line).</summary>
    public static TOption OneOf<TOption>(this TOption option, IReadOnlyCollection<string> allowed) where TOption : Option
    {
        option.HelpName ??= string.Join('|', allowed);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!allowed.Contains(token.Value, StringComparer.Ordinal))
                    result.AddError($"{option.Name}: '{token.Value}' is not one of {string.Join(", ", allowed)}");
        });
        return option;
    }

    /// <summary>An integer count that must be at least <paramref name="minimum"/> (workers, jobs, seeds, steps…).</summary>
    public static TOption AtLeast<TOption>(this TOption option, long minimum) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (long.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v < minimum)
                    result.AddError($"{option.Name} {token.Value} must be at least {minimum}");
        });
        return option;
    }

    /// <summary>A number that must be finite (NaN and ±∞ parse as doubles, and no setting means them).</summary>
    public static TOption Finite<TOption>(this TOption option) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (TryDouble(token.Value, out double v) && !double.IsFinite(v))
                    result.AddError($"{option.Name} {token.Value} must be a finite number");
        });
        return option;
    }

    /// <summary>A finite number greater than 0 (a timeout, a duration).</summary>
    public static TOption Positive<TOption>(this TOption option) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (TryDouble(token.Value, out double v) && !(v > 0 && double.IsFinite(v)))
                    result.AddError($"{option.Name} {token.Value} must be a positive number");
        });
        return option;
    }

    /// <summary>
    /// A comma-separated list (<c>--lr 1e-3,1e-4</c>): null when the flag is absent; an empty item or an item
    /// <paramref name="parseItem"/> refuses (null) is a parse error naming it and what was <paramref name="expected"/>.
    /// </summary>
    public static Option<T[]?> CommaList<T>(string name, string description, string helpName, string expected, Func<string, T?> parseItem)
        where T : struct => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;
            var text = result.Tokens[^1].Value;
            var values = new List<T>();
            foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (raw.Length == 0) { result.AddError($"{name}: empty item in '{text}'"); return null; }
                if (parseItem(raw) is not { } v) { result.AddError($"{name}: '{raw}' is not {expected}"); return null; }
                values.Add(v);
            }
            return [.. values];
        },
    };

    /// <summary>The list given with <paramref name="option"/>, or null when it was not typed (System.CommandLine hands an
    /// absent list option an empty array; an empty list is never a value here).</summary>
    public static T[]? GetList<T>(this ParseResult parse, Option<T[]?> option) =>
        parse.GetResult(option) is { Implicit: false, Tokens.Count: > 0 } ? parse.GetValue(option) : null;

    /// <summary>Whether <paramref name="option"/> was typed (a default is not).</summary>
    private static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary><paramref name="a"/> and <paramref name="b"/> exclude each other.</summary>
    public static void NotTogether(this Command command, Option a, Option b) =>
        command.Validators.Add(result =>
        {
            if (Given(result, a) && Given(result, b)) result.AddError($"{a.Name} and {b.Name} cannot be used together");
        });

    /// <summary><paramref name="option"/> must be given; <paramref name="message"/> says what it is for.</summary>
    public static void Requires(this Command command, Option option, string message) =>
        command.Validators.Add(result =>
        {
            if (!Given(result, option)) result.AddError(message);
        });

    /// <summary>Every value must satisfy <paramref name="valid"/>; otherwise one line naming it and what was <paramref name="expected"/>.</summary>
    public static TOption Matches<TOption>(this TOption option, Func<string, bool> valid, string expected) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!valid(token.Value)) result.AddError($"{option.Name}: '{token.Value}' is not {expected}");
        });
        return option;
    }

    /// <summary><paramref name="option"/> means something only with <paramref name="with"/>.</summary>
    public static void OnlyWith(this Command command, Option option, Option with) =>
        command.Validators.Add(result =>
        {
            if (Given(result, option) && !Given(result, with)) result.AddError($"{option.Name} needs {with.Name}");
        });

    /// <summary>Invariant-culture double, as System.CommandLine reads them ("NaN", "Infinity", "1e-3").</summary>
    public static bool TryDouble(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
