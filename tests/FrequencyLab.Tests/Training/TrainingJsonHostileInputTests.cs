using CsCheck;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>history.json and config.json of a real run, made hostile: every variant reads to a value or one line naming the
/// file (never a .NET exception), and what is read meets the history's own rules.</summary>
public class TrainingJsonHostileInputTests
{
    private static readonly Lazy<(string History, string Config)> Files = new(() =>
    {
        using var dir = new TempDir();
        var c = Config(epochs: 2) with { Plateau = PlateauSettings.ReportStrategy2, EarlyStopping = new EarlyStoppingSettings(Patience: 5) };
        Trainer(c, RunDirectory.CreateNew(dir.Path, c)).Run();
        return (File.ReadAllText(Path.Combine(dir.Path, "history.json")), File.ReadAllText(Path.Combine(dir.Path, "config.json")));
    });

    [Fact]
    public void Any_variant_of_history_json_is_a_history_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("history.json");
        HostileInput.JsonVariants(Files.Value.History).Sample(bytes => HostileInput.AssertTotal(path, bytes, "history.json", p =>
        {
            var h = HistoryJson.Read(p);
            Assert.Null(HistoryJson.FirstProblem(h));
        }), iter: 400, threads: 1);
    }

    [Fact]
    public void Any_variant_of_config_json_is_a_valid_config_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File("config.json");
        HostileInput.JsonVariants(Files.Value.Config).Sample(bytes => HostileInput.AssertTotal(path, bytes, "config.json", p => HistoryJson.ReadConfig(p).Validate(ownEngine: true)), iter: 400, threads: 1);
    }

    [Theory]
    [InlineData("\"trainLoss\": ", "\"trainLoss\": -0.5", "trainLoss: -0.5 is negative")]
    [InlineData("\"epoch\": 2", "\"epoch\": 1", "epochs are numbered")]
    [InlineData("\"data\": {", "\"data\": null, \"x\": {", "$.config.data")]
    [InlineData("\"spec\": {", "\"spec\": null, \"x\": {", "$.config.data.spec")]
    [InlineData("\"optimizer\": {", "\"optimizer\": 7, \"x\": {", "$.config.optimizer")]
    [InlineData("\"stop\": \"completed\"", "\"stop\": 99", "$.stop")]
    [InlineData("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"schemaVersion\": 1,", "Duplicate")]
    public void Named_problems_are_one_line_naming_the_place(string from, string to, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("history.json");
        var json = Files.Value.History;
        Assert.Contains(from, json);
        // Only the first occurrence: e.g. the first epoch's loss.
        int at = json.IndexOf(from, StringComparison.Ordinal);
        var edited = json[..at] + to + (from.EndsWith(": ", StringComparison.Ordinal) ? json[(at + from.Length)..].TrimStart("0123456789.eE-+".ToCharArray()) : json[(at + from.Length)..]);
        File.WriteAllText(path, edited);
        var e = Assert.Throws<DataFileException>(() => HistoryJson.Read(path));
        HostileInput.AssertOneLine(e.Message, path);
        Assert.Contains(expected, e.Message);
    }
}
