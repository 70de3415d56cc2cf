using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FrequencyLab.Cli.Options;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;

namespace FrequencyLab.Cli.Verbs;

/// <summary>
/// <c>freqlab generate</c>: generates the rows of one series (spec + seed) and writes them with <see cref="DatasetIO"/>
/// (.npy or CSV plus sidecar). Defaults are the report's training set: 1, 3, 5, 7 Hz, 1000 Hz, 10 s, seed 1, blocks.
/// </summary>
internal sealed class GenerateVerb : IVerb
{
    private static readonly SignalSpec Defaults = SignalSpec.Default;
    private readonly Option<ulong> _seed = new("--seed") { Description = "Generator seed (train 1, test 2 in the report).", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _order = new Option<string>("--order") { Description = "Row order.", DefaultValueFactory = _ => "blocks" }.OneOf(["blocks", "interleaved"]);
    private readonly Option<string> _noise = new Option<string>("--noise")
    {
        Description = "Draw A and phi per sample (the report) or once per series, or 'additive': the clean in-phase mixture plus Gaussian noise of --noise-std.",
        DefaultValueFactory = _ => "per-sample",
    }.OneOf([.. DataNames.NoiseNames]);
    private readonly Option<double?> _noiseStd = SharedOptions.Number("--noise-std", $"Standard deviation of the additive noise (default {SignalSpec.DefaultNoiseStd}; --noise additive only).");
    private readonly Option<string?> _format = SharedOptions.Choice("--format", "File format; default from the --out extension (.npy or .csv).", "npy", "csv");
    private readonly Option<string> _dtype = new Option<string>("--dtype") { Description = "Element type stored.", DefaultValueFactory = _ => "float64" }.OneOf(["float32", "float64"]);
    private readonly Option<string> _npyVersion = new Option<string>("--npy-version") { Description = ".npy format version (2.0 has a 32-bit header length); ignored for CSV.", DefaultValueFactory = _ => "1.0" }.OneOf(["1.0", "2.0"]);
    private readonly Option<string> _output = new("--out") { Description = "Output file (.npy or .csv); a sidecar <out>.json is written beside it.", Required = true };
    private readonly Option<double[]> _frequencies = new("--frequencies")
    {
        Description = "Component frequencies in Hz, comma separated (one-hot order).",
        DefaultValueFactory = _ => Defaults.Frequencies,
        CustomParser = ParseFrequencies,
        HelpName = "1,3,5,7",
    };
    private readonly Option<double> _fs = new Option<double>("--fs") { Description = "Sampling rate in Hz.", DefaultValueFactory = _ => Defaults.SampleRate }.Finite();
    private readonly Option<double> _duration = new Option<double>("--duration") { Description = "Length in seconds.", DefaultValueFactory = _ => Defaults.Duration }.Finite();
    private readonly Option<double> _aMin = new Option<double>("--amplitude-min") { Description = "Lower bound of A ~ U(min, max).", DefaultValueFactory = _ => Defaults.AmplitudeMin }.Finite();
    private readonly Option<double> _aMax = new Option<double>("--amplitude-max") { Description = "Upper bound of A ~ U(min, max).", DefaultValueFactory = _ => Defaults.AmplitudeMax }.Finite();
    private readonly Option<bool> _json = SharedOptions.Json("Print the summary as JSON.");

    public Command Build()
    {
        var command = new Command("generate", "Generate a dataset (rows [S, C1..CK] -> target) and write it as .npy or CSV with a sidecar JSON.");
        foreach (var o in new Option[] { _seed, _order, _noise, _noiseStd, _format, _dtype, _npyVersion, _output, _frequencies, _fs, _duration, _aMin, _aMax, _json })
            command.Options.Add(o);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        var spec = new SignalSpec
        {
            Frequencies = parse.GetValue(_frequencies)!,
            SampleRate = parse.GetValue(_fs),
            Duration = parse.GetValue(_duration),
            AmplitudeMin = parse.GetValue(_aMin),
            AmplitudeMax = parse.GetValue(_aMax),
            Noise = DataNames.ParseNoise(parse.GetValue(_noise))!.Value,
            NoiseStd = parse.GetValue(_noiseStd) ?? SignalSpec.DefaultNoiseStd,
        }.Validate();
        if (parse.GetValue(_noiseStd) is not null && spec.Noise != NoiseMode.Additive)
            throw new InvalidSpecException($"--noise-std applies only to --noise additive (not {DataNames.Of(spec.Noise)})");
        var rowOrder = DataNames.ParseOrder(parse.GetValue(_order))!.Value;
        var type = NpyDTypes.FromName(parse.GetValue(_dtype))!.Value;
        var (path, fileFormat) = ResolveOutput(parse.GetValue(_output)!, DataNames.ParseFormat(parse.GetValue(_format)));
        ulong seedValue = parse.GetValue(_seed);

        var dataset = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, seedValue), rowOrder);
        DatasetIO.Write(dataset, path, fileFormat, type, parse.GetValue(_npyVersion) == "2.0" ? NpyVersion.V2 : NpyVersion.V1);

        var fileSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var sidecarPath = DatasetSidecar.PathFor(path);
        var writer = parse.InvocationConfiguration.Output;
        if (parse.GetValue(_json))
        {
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                path, sidecar = sidecarPath, format = DataNames.Of(fileFormat), dtype = type.Name(), rows = dataset.RowCount,
                columns = dataset.FrequencyCount + 2, order = DataNames.Of(rowOrder), seed = seedValue, noise = DataNames.Of(spec.Noise),
                noiseStd = spec.Noise == NoiseMode.Additive ? spec.NoiseStd : (double?)null,
                sha256 = fileSha, valuesSha256 = DatasetIO.ReadSidecar(path)!.Sha256,
            }));
        }
        else
        {
            writer.WriteLine($"wrote {dataset.RowCount} rows x {dataset.FrequencyCount + 2} columns [S, C1..C{dataset.FrequencyCount}, target] " +
                             $"to {path} ({DataNames.Of(fileFormat)}, {type.Name()}, {DataNames.Of(rowOrder)}, seed {seedValue}, {NoiseLabel(spec)})");
            writer.WriteLine($"sha256 {fileSha}  {path}");
            writer.WriteLine($"sidecar {sidecarPath}");
        }
        return CliRunner.Ok;
    }

    private static string NoiseLabel(SignalSpec spec) =>
        spec.Noise == NoiseMode.Additive ? $"additive, noise std {spec.NoiseStd.ToString("R", CultureInfo.InvariantCulture)}" : DataNames.Of(spec.Noise);

    // The format comes from --format or the extension; a path without a known extension gets the format's.
    private static (string Path, DatasetFormat Format) ResolveOutput(string path, DatasetFormat? format)
    {
        var byExtension = DataNames.FormatOfPath(path);
        if (byExtension is { } ext)
        {
            if (format is { } f && f != ext)
                throw new DataFileException(path, $"extension '{Path.GetExtension(path)}' does not match --format {DataNames.Of(f)}");
            return (path, ext);
        }
        if (format is { } chosen) return ($"{path}.{DataNames.Of(chosen)}", chosen);
        throw new DataFileException(path, $"cannot tell the format from extension '{Path.GetExtension(path)}': use .npy or .csv, or give --format");
    }

    internal static double[] ParseFrequencies(ArgumentResult result)
    {
        var text = string.Join(",", result.Tokens.Select(t => t.Value));
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!OptionRules.TryDouble(parts[i], out values[i]) || !double.IsFinite(values[i]))
            {
                result.AddError($"--frequencies: '{parts[i]}' is not a finite number (expected e.g. 1,3,5,7)");
                return [];
            }
        }
        return values;
    }
}
