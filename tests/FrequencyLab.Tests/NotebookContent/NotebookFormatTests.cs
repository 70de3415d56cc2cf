using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.NotebookContent;

/// <summary>
/// Every committed notebook is a valid nbformat 4.5 document in the shape .NET Interactive writes (DESIGN.md, Notebooks),
/// and its first cell loads exactly the package versions the library pins.
/// </summary>
public class NotebookFormatTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void Notebook_01_exists() => Assert.True(File.Exists(RepoPaths.Combine("notebooks", "01-data-validation.ipynb")));

    private static string SchemaScript => RepoPaths.Combine("tests", "FrequencyLab.Tests", "Notebooks", "validate_notebook.py");

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Validates_against_the_nbformat_schema(string notebook) =>
        Assert.StartsWith("valid ", Python.Run(SchemaScript, RepoPaths.Combine("notebooks", notebook)));

    [Fact]
    public void The_schema_check_rejects_a_cell_without_id_which_nbformat_read_would_repair_silently()
    {
        // The control for the test above: nbformat 4.5 requires cell ids; nbformat.read only warns and adds one.
        using var dir = new TempDir();
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("notebooks", "01-data-validation.ipynb")))!;
        json["cells"]![1]!.AsObject().Remove("id");
        File.WriteAllText(dir.File("noid.ipynb"), json.ToJsonString());
        var e = Assert.Throws<InvalidOperationException>(() => Python.Run(SchemaScript, dir.File("noid.ipynb")));
        Assert.Contains("schema error", e.Message);
        Assert.Contains("cells[1]", e.Message);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Has_the_metadata_dotnet_interactive_writes(string notebook)
    {
        using var doc = Read(notebook);
        var root = doc.RootElement;
        Assert.Equal((4, 5), (root.GetProperty("nbformat").GetInt32(), root.GetProperty("nbformat_minor").GetInt32()));
        var meta = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", meta.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("C#", meta.GetProperty("language_info").GetProperty("name").GetString());
        Assert.Equal("csharp", meta.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        var ids = new HashSet<string>();
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            Assert.True(ids.Add(cell.GetProperty("id").GetString()!), "duplicate cell id " + cell.GetProperty("id"));
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var cm = cell.GetProperty("metadata");
            Assert.Equal("csharp", cm.GetProperty("dotnet_interactive").GetProperty("language").GetString());
            Assert.Equal("csharp", cm.GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
        }
        Assert.Single(CodeCells(doc), c => Tags(c).Contains("parameters"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_first_cell_loads_the_pinned_package_versions_and_the_built_library(string notebook)
    {
        using var doc = Read(notebook);
        var first = Source(CodeCells(doc).First());
        var pinned = XDocument.Load(RepoPaths.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var references = Regex.Matches(first, @"^#r ""nuget:\s*([^,""]+?)\s*,\s*([^""]+?)\s*""", RegexOptions.Multiline);
        Assert.NotEmpty(references);
        foreach (Match r in references)
        {
            var (name, version) = (r.Groups[1].Value, r.Groups[2].Value);
            Assert.True(pinned.TryGetValue(name, out var expected), $"{notebook} loads {name}, which Directory.Packages.props does not pin");
            Assert.True(expected == version, $"{notebook} loads {name} {version}; Directory.Packages.props pins {expected}");
        }
        var dll = Regex.Match(first, @"^#r ""(?!nuget:)([^""]+)""", RegexOptions.Multiline);
        Assert.True(dll.Success, $"{notebook}'s first cell does not reference the built library");
        Assert.Equal(RepoPaths.Combine("src", "FrequencyLab", "bin", "Release", "net10.0", "FrequencyLab.dll"),
            Path.GetFullPath(Path.Combine(RepoPaths.Combine("notebooks"), dll.Groups[1].Value)));
        // No registration call: the library's values name their kernel formatters (TypeFormatterSourceAttribute).
        Assert.DoesNotContain("Register()", first);
    }

    /// <summary>The .ipynb files are the source (no generator script): committed clean, and their cells short enough to read
    /// at a glance. The first cell (package and library references, usings) may run longer than the others.</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_clean_with_short_cells(string notebook)
    {
        const int FirstCellLines = 20, CellLines = 12;
        using var doc = Read(notebook);
        var code = CodeCells(doc).ToList();
        foreach (var (cell, i) in code.Select((c, i) => (c, i)))
        {
            Assert.Equal(0, cell.GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
            int lines = Source(cell).Split('\n').Length;
            Assert.True(lines <= (i == 0 ? FirstCellLines : CellLines), $"{notebook} code cell {i + 1} has {lines} lines");
        }
        Assert.False(Directory.Exists(RepoPaths.Combine("scripts")) && Directory.GetFiles(RepoPaths.Combine("scripts"), "make_notebook*").Length > 0,
            "a notebook generator script is back in scripts/: the .ipynb is the source");
    }

    private static JsonDocument Read(string notebook) => JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("notebooks", notebook)));

    private static IEnumerable<JsonElement> CodeCells(JsonDocument doc) =>
        doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code");

    private static string[] Tags(JsonElement cell) =>
        cell.GetProperty("metadata").TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];

    private static string Source(JsonElement cell) =>
        cell.GetProperty("source").ValueKind == JsonValueKind.String
            ? cell.GetProperty("source").GetString()!
            : string.Concat(cell.GetProperty("source").EnumerateArray().Select(x => x.GetString()));
}
