using System.Text;

namespace FrequencyLab.Notebooks;

/// <summary>
/// The outputs of a running notebook, collected per cell while cells execute: displays (which later code may update in
/// place, as Jupyter's update_display_data does), stdout/stderr text (consecutive writes to one stream merge into one
/// output, as nbclient merges them) and results. Thread-safe: cells may display from background threads.
/// </summary>
public sealed class NotebookOutputs
{
    private readonly object _gate = new();
    private readonly Dictionary<NotebookCell, List<Slot>> _slots = new(ReferenceEqualityComparer.Instance);
    private NotebookCell? _current;

    public NotebookOutputs(ValueFormatter formatter) => Formatter = formatter;

    public ValueFormatter Formatter { get; }

    /// <summary>The cell whose code is running; displays and console text go to it.</summary>
    internal void BeginCell(NotebookCell cell)
    {
        lock (_gate)
        {
            _current = cell;
            _slots[cell] = [];
        }
    }

    /// <summary>Whether a cell is running (console text outside cells is not captured).</summary>
    internal bool IsCapturing
    {
        get { lock (_gate) return _current is not null; }
    }

    internal void EndCell()
    {
        lock (_gate) _current = null;
    }

    /// <summary>Adds a display_data output for <paramref name="value"/> to the running cell.</summary>
    public DisplayedValue Display(object? value, IReadOnlyCollection<string>? mimeTypes)
    {
        var slot = new Slot(new DisplayDataOutput(Formatter.Format(value, mimeTypes)));
        lock (_gate) CurrentSlots().Add(slot);
        return new DisplayedValue(this, slot, mimeTypes?.ToArray() ?? []);
    }

    internal void Update(Slot slot, object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var output = new DisplayDataOutput(Formatter.Format(value, mimeTypes.Count > 0 ? mimeTypes : null));
        lock (_gate) slot.Output = output;
    }

    internal void AddResult(int executionCount, object? value)
    {
        var slot = new Slot(new ExecuteResultOutput(executionCount, Formatter.Format(value)));
        lock (_gate) CurrentSlots().Add(slot);
    }

    internal void AddError(NotebookCell cell, ErrorOutput error)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(cell, out var slots)) _slots[cell] = slots = [];
            slots.Add(new Slot(error));
        }
    }

    /// <summary>Appends console text to the running cell's stream output.</summary>
    internal void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            var slots = CurrentSlots();
            if (slots.Count > 0 && slots[^1].Stream is { } sb && slots[^1].StreamName == stream) sb.Append(text);
            else slots.Add(new Slot(stream, new StringBuilder(text)));
        }
    }

    /// <summary>Copies the collected outputs into each cell's <see cref="NotebookCell.Outputs"/> (updates included).</summary>
    internal void CopyTo(IEnumerable<NotebookCell> cells)
    {
        lock (_gate)
        {
            foreach (var cell in cells)
            {
                if (!_slots.TryGetValue(cell, out var slots)) continue;
                cell.Outputs.Clear();
                cell.Outputs.AddRange(slots.Select(s => s.Output ?? new StreamOutput(s.StreamName!, s.Stream!.ToString())));
            }
        }
    }

    private List<Slot> CurrentSlots() =>
        _current is not null ? _slots[_current] : throw new InvalidOperationException("no notebook cell is running, so there is nowhere to display");

    /// <summary>One output position: a finished output, or a stream still being written.</summary>
    internal sealed class Slot
    {
        public Slot(CellOutput output) => Output = output;

        public Slot(string streamName, StringBuilder stream) => (StreamName, Stream) = (streamName, stream);

        public CellOutput? Output { get; set; }

        public string? StreamName { get; }

        public StringBuilder? Stream { get; }
    }
}
