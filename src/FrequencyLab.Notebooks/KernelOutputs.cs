using System.Text;
using Microsoft.DotNet.Interactive.Events;
using FrequencyLab.Charts;
using Microsoft.DotNet.Interactive.Formatting;

namespace FrequencyLab.Notebooks;

/// <summary>
/// Turns the kernel's events for each submitted cell into nbformat outputs, as a notebook front end does:
/// <see cref="DisplayedValueProduced"/> → display_data, <see cref="DisplayedValueUpdated"/> → the display with that id
/// rewritten in place (in whichever cell it is), <see cref="ReturnValueProduced"/> → execute_result, standard output and error
/// → stream outputs (consecutive writes to one stream merge, as nbclient merges them).
/// </summary>
/// <remarks>
/// Kernel 1.0.0-beta.26120.1 publishes the updates of <c>display(x).Update(y)</c> under an id other than the one of the
/// first display (measured; dotnet-repl writes every update as a new output). An update whose id was never displayed
/// therefore becomes a new display output, and later updates with that id rewrite it: a progress loop leaves its first
/// line and one line that updates in place.
/// </remarks>
internal sealed class KernelOutputs
{
    private readonly Dictionary<NotebookCell, List<Slot>> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Slot> _displays = new(StringComparer.Ordinal);

    /// <summary>Adds the outputs that <paramref name="events"/> (one cell's, in order) describe to <paramref name="cell"/>.</summary>
    public void Add(NotebookCell cell, int executionCount, IEnumerable<KernelEvent> events)
    {
        if (!_slots.TryGetValue(cell, out var slots)) _slots[cell] = slots = [];
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o: Write(slots, StreamOutput.StdOut, o); break;
                case StandardErrorValueProduced o: Write(slots, StreamOutput.StdErr, o); break;
                case ReturnValueProduced r: slots.Add(new Slot(new ExecuteResultOutput(executionCount, Bundle(r.FormattedValues)))); break;
                case DisplayedValueUpdated u when u.ValueId is { } id && _displays.TryGetValue(id, out var shown):
                    shown.Output = new DisplayDataOutput(Bundle(u.FormattedValues));
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    var display = (DisplayEvent)e;
                    var slot = new Slot(new DisplayDataOutput(Bundle(display.FormattedValues)));
                    slots.Add(slot);
                    if (display.ValueId is { } valueId) _displays[valueId] = slot;
                    break;
            }
        }
    }

    public void AddError(NotebookCell cell, ErrorOutput error)
    {
        if (!_slots.TryGetValue(cell, out var slots)) _slots[cell] = slots = [];
        slots.Add(new Slot(error));
    }

    /// <summary>Copies the collected outputs into each cell's <see cref="NotebookCell.Outputs"/> (updates included).</summary>
    public void CopyTo(IEnumerable<NotebookCell> cells)
    {
        foreach (var cell in cells)
        {
            if (!_slots.TryGetValue(cell, out var slots)) continue;
            cell.Outputs.Clear();
            cell.Outputs.AddRange(slots.Select(s => s.Output ?? new StreamOutput(s.StreamName!, s.Stream!.ToString())));
        }
    }

    private static void Write(List<Slot> slots, string stream, DisplayEvent e)
    {
        var text = string.Concat(e.FormattedValues.Where(v => v.MimeType == MimeTypes.PlainText).Select(v => v.Value));
        if (text.Length == 0) return;
        if (slots.Count > 0 && slots[^1].Stream is { } sb && slots[^1].StreamName == stream) sb.Append(text);
        else slots.Add(new Slot(stream, new StringBuilder(text)));
    }

    /// <summary>A mime bundle of the values a front end shows (the kernel marks the others SuppressDisplay).</summary>
    private static Dictionary<string, string> Bundle(IEnumerable<FormattedValue> values)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values.Where(v => !v.SuppressDisplay)) data[v.MimeType] = v.Value;
        return data;
    }

    /// <summary>One output position: a finished output, or a stream still being written.</summary>
    private sealed class Slot
    {
        public Slot(CellOutput output) => Output = output;

        public Slot(string streamName, StringBuilder stream) => (StreamName, Stream) = (streamName, stream);

        public CellOutput? Output { get; set; }

        public string? StreamName { get; }

        public StringBuilder? Stream { get; }
    }
}
