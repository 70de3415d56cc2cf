"""Writes the runner's test notebooks in the shape VS Code Polyglot Notebooks saves (run from this folder:
/usr/bin/python3 make_fixtures.py). Kept so the fixtures can be regenerated and reviewed as code."""
import json

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#",
                      "pygments_lexer": "csharp", "version": "10.0"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}},
}
LIBRARY = '#r "../../../../src/FrequencyLab/bin/Release/net10.0/FrequencyLab.dll"'


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def code(cell_id, source, tags=None):
    metadata = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}
    if tags:
        metadata["tags"] = tags
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": metadata, "outputs": [],
            "source": lines(source)}


def markdown(cell_id, source):
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": lines(source)}


def write(name, cells):
    nb = {"cells": cells, "metadata": NOTEBOOK_METADATA, "nbformat": 4, "nbformat_minor": 5}
    with open(name, "w", encoding="utf-8") as f:
        f.write(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n")


write("basics.ipynb", [
    code("load", '#r "nuget: Microsoft.Data.Analysis, 0.23.1"\n#r "nuget: Plotly.NET, 6.0.0"\n'
                 '#r "nuget: Plotly.NET.CSharp, 0.14.0"\n' + LIBRARY),
    markdown("intro", "# Runner basics\n\nState, *display*, `Update`, values, console, tables and charts."),
    code("state", "var x = 21;"),
    code("value", "x * 2"),
    code("console", 'Console.WriteLine($"x is {x}");\nConsole.Write("no newline")'),
    code("progress", 'var bar = display("step 0");\nfor (int i = 1; i <= 3; i++) bar.Update($"step {i}");'),
    code("extension", '"shown with Display()".Display();'),
    code("nullvalue", "(string?)null"),
    # A type of the notebook's own opts into the library's HTML formatter as the library's types do.
    code("html", "[FrequencyLab.Charts.TypeFormatterSource(typeof(FrequencyLab.Charts.HtmlFormatterSource))]\n"
                 "class Badge : FrequencyLab.Charts.IHtmlDisplayable\n{\n"
                 '    public string ToHtml() => "<b class=\\"badge\\">library type</b>";\n}\n'
                 "display(new Badge());"),
    code("chart", "FrequencyLab.Charts.LossCharts.Epochs(\"loss\", new[] { new FrequencyLab.Charts.LossCurve(\"a\", new[] { 2.0, 4.0, 8.0 }) })"),
    # After a library value: the library's formatter sources (created at its first display) bring the DataFrame formatter.
    code("frame", "using Microsoft.Data.Analysis;\n"
                  'var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("n", Enumerable.Range(0, 50)),\n'
                  '    new StringDataFrameColumn("label", Enumerable.Range(0, 50).Select(i => $"row <{i}>")));\n'
                  "frame"),
    code("empty", ""),
])

write("parameters.ipynb", [
    markdown("title", "# Parameters\nDefaults below; the runner injects overrides after them."),
    code("defaults", 'var quick = false;\nvar label = "default";\ndouble rate = 0.5;\nint steps = 3;', ["parameters"]),
    code("use", '$"{quick}|{label}|{rate}|{rate.GetType().Name}|{steps}"'),
])

write("broken.ipynb", [
    markdown("title", "# Broken\nThe third cell throws."),
    code("fine", 'var step = 7;\nConsole.WriteLine("before the failure");'),
    code("throws", 'throw new InvalidOperationException($"boom at step {step}");'),
    code("never", "var unreachable = 1;"),
])
