using System.Text;
using CsCheck;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.Data;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Notebooks;

/// <summary>
/// The .ipynb reader is total: a hostile notebook file gives a document or one printable line naming the notebook
/// (duplicate keys, nulls, wrong types, truncated JSON, invalid UTF-8, control characters).
/// </summary>
public sealed class HostileNotebookFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static NotebookDocument? ReadChecked(string path)
    {
        var before = File.ReadAllBytes(path);
        var read = HostileInput.ValueOrOneLine(() => NotebookFile.Read(path), path);
        Assert.Equal(before, File.ReadAllBytes(path));
        // What was read can be written again: the reader let nothing through that the writer cannot hold.
        if (read is not null) Assert.NotEmpty(NotebookFile.Serialize(read));
        return read;
    }

    private static DataFileException Refused(string path, string text)
    {
        File.WriteAllText(path, text);
        var e = Assert.Throws<DataFileException>(() => NotebookFile.Read(path));
        HostileInput.AssertOneCleanLine(e.Message);
        Assert.StartsWith(path + ": not a valid nbformat 4 notebook (", e.Message);
        return e;
    }

    [Theory]
    [InlineData("basics.ipynb")]
    [InlineData("parameters.ipynb")]
    public void A_mutated_notebook_reads_or_fails_with_one_line(string fixture)
    {
        var text = File.ReadAllText(NotebookAssert.Fixture(fixture));
        var path = _dir.File("n.ipynb");
        int refused = 0;
        Gen.OneOf(HostileInput.MutatedJson(text), HostileInput.MutatedJson(text), HostileInput.Mutated(Encoding.UTF8.GetBytes(text))).Sample(bytes =>
        {
            File.WriteAllBytes(path, bytes);
            if (ReadChecked(path) is null) refused++;
        }, iter: 300, threads: 1, seed: "0N0XIzNsQ0O2");
        Assert.True(refused > 50, $"{refused} refused");
    }

    private const string Cell = """{"cell_type": "code", "id": "a", "metadata": {}, "source": "1", "execution_count": null, "outputs": []}""";

    private static string Notebook(string cell = Cell, string extra = "") =>
        $$"""{"cells": [{{cell}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5{{extra}}}""";

    [Fact]
    public void Every_notebook_in_the_repository_reads_and_writes_back_unchanged()
    {
        var paths = Directory.GetFiles(RepoPaths.Combine("notebooks"), "*.ipynb")
            .Concat(Directory.GetFiles(RepoPaths.Combine("tests", "FrequencyLab.Tests", "Notebooks", "Fixtures"), "*.ipynb")).ToList();
        Assert.True(paths.Count >= 9, $"{paths.Count} notebooks");
        foreach (var path in paths)
        {
            var text = File.ReadAllText(path);
            Assert.Equal(text, NotebookFile.Serialize(NotebookFile.Read(path)));
        }
    }

    [Fact]
    public void The_well_formed_notebook_reads()
    {
        var path = _dir.File("ok.ipynb");
        File.WriteAllText(path, Notebook());
        Assert.Equal("1", ReadChecked(path)!.Cells[0].Source);
    }

    [Theory]
    [InlineData("""{"cells": [], "cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "cells")]
    [InlineData("""{"cells": [{"cell_type": "code", "cell_type": "raw", "id": "a", "metadata": {}, "source": ""}], "metadata": {}, "nbformat": 4}""", "cell_type")]
    [InlineData("""{"cells": [], "metadata": {"a": 1, "a": 2}, "nbformat": 4}""", "'a'")]
    public void Duplicate_keys_anywhere_are_refused(string json, string key)
    {
        var e = Refused(_dir.File("dup.ipynb"), json);
        Assert.Contains(key, e.Message);
    }

    [Theory]
    [InlineData("\"source\": \"1\"", "\"source\": null", "cell 1: source is null")]
    [InlineData("\"source\": \"1\"", "\"source\": 5", "cell 1: source is not a string (found the number 5)")]
    [InlineData("\"source\": \"1\"", "\"source\": [\"a\", null]", "cell 1: source holds a null line")]
    [InlineData("\"id\": \"a\"", "\"id\": null", "cell 1: id is null")]
    [InlineData("\"id\": \"a\"", "\"id\": \"a\\u001b[31m\"", @"cell id 'a\e[31m' is not 1–64 letters")]
    [InlineData("\"id\": \"a\"", "\"id\": 7", "cell 1: id is not a string")]
    [InlineData("\"execution_count\": null", "\"execution_count\": 1.5", "execution_count is not an integer")]
    [InlineData("\"execution_count\": null", "\"execution_count\": 99999999999", "execution_count is not an integer")]
    [InlineData("\"metadata\": {}", "\"metadata\": {\"tags\": [1]}", "a tag is not a string")]
    [InlineData("\"metadata\": {}", "\"metadata\": {\"tags\": \"parameters\"}", "metadata.tags is not a list")]
    [InlineData("\"outputs\": []", "\"outputs\": [null]", "an output is not a JSON object")]
    [InlineData("\"outputs\": []", "\"outputs\": [{\"output_type\": \"stream\", \"text\": [1]}]", "text line is not a string")]
    [InlineData("\"outputs\": []", "\"outputs\": [{\"output_type\": \"error\", \"traceback\": \"x\"}]", "traceback is not a list")]
    [InlineData("\"outputs\": []", "\"outputs\": [{\"output_type\": \"\\u0007\"}]", @"unknown output_type '\a'")]
    [InlineData("\"cell_type\": \"code\"", "\"cell_type\": \"\\u001b]0;x\\u0007\"", @"unknown cell_type '\e]0;x\a'")]
    public void Nulls_and_wrong_types_in_a_cell_are_refused(string from, string to, string expected)
    {
        var e = Refused(_dir.File("cell.ipynb"), Notebook(Cell.Replace(from, to)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": "4"}""", "nbformat is not an integer")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": null}""", "nbformat is null")]
    [InlineData("""{"cells": null, "metadata": {}, "nbformat": 4}""", "cells is null")]
    [InlineData("""{"cells": {}, "metadata": {}, "nbformat": 4}""", "cells is not a list")]
    [InlineData("""{"cells": [], "metadata": null, "nbformat": 4}""", "metadata is null")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": -1}""", "nbformat_minor -1 is negative")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 3}""", "nbformat 3 is not supported")]
    [InlineData("""[]""", "the top level is not a JSON object")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 4}  {}""", "")]
    [InlineData("""{"cells": [], "metadata": {}, "nbformat": 4, }""", "")]
    [InlineData("""{"cells": [""", "")]
    public void A_notebook_level_problem_is_refused(string json, string expected)
    {
        var e = Refused(_dir.File("top.ipynb"), json);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_lone_surrogate_escaped_in_any_string_is_refused()
    {
        var path = _dir.File("surrogate.ipynb");
        Assert.Contains("not valid Unicode text", Refused(path, Notebook(Cell.Replace("\"source\": \"1\"", "\"source\": \"\\ud800\""))).Message);
        // Deep in metadata too, where the reader keeps JSON as is and a later reader would trip over it.
        Assert.Contains("not valid Unicode text", Refused(path, Notebook(Cell.Replace("\"metadata\": {}", "\"metadata\": {\"k\": [\"\\udc00\"]}"))).Message);
    }

    [Fact]
    public void Two_cells_with_one_id_are_refused()
    {
        var e = Refused(_dir.File("ids.ipynb"), Notebook(Cell + ", " + Cell));
        Assert.Contains("cell 2: cell id 'a' appears twice", e.Message);
    }

    [Fact]
    public void Invalid_utf8_and_a_folder_are_one_line()
    {
        var path = _dir.File("bytes.ipynb");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Notebook()[..^1]), 0xFF, (byte)'}']);
        var e = Assert.Throws<DataFileException>(() => NotebookFile.Read(path));
        HostileInput.AssertOneCleanLine(e.Message);
        var folder = _dir.File("folder.ipynb");
        Directory.CreateDirectory(folder);
        Assert.Equal($"{folder}: is a folder, not a notebook", Assert.Throws<DataFileException>(() => NotebookFile.Read(folder)).Message);
    }
}
