namespace FrequencyLab.Training;

/// <summary>What became of one run of a batch: its history, or the one-line reason it failed.</summary>
public sealed record BatchedOutcome(TrainingHistory? History, string? Error);

/// <summary>
/// Trains K runs over the same rows together: every active run advances one block of rows (a
/// <see cref="TrainingSession"/> pause: 1,000 training rows or the frozen passes) in turn, so the batch makes one pass over
/// the rows with K models, each with its own engine, optimizer, schedule, early stopping, frozen evaluation and run folder.
/// </summary>
/// <remarks>
/// <para>Batching is invisible in the results: each run makes exactly the calls it makes when trained alone, so its history
/// and checkpoints are bit-identical to the same run trained alone, whatever the number of workers or the order of the
/// blocks. A run that diverges stops alone (its own early-stopping judge); a run whose step throws fails alone, with one
/// line; the others go on.</para>
/// <para>Workers take the next due run from one queue, advance it one block and put it back: uneven runs (H = 128 beside
/// H = 32, 50 epochs beside 5) keep every worker busy, and no run falls more than a block behind the others while all
/// are active. At most <see cref="MaxActive"/> runs hold an engine at once (the others start as runs finish, in the order
/// given, so put long runs first).</para>
/// <para>Cancellation is the runs' own: each session was started with the token and, once it is cancelled, ends at its next
/// row with a checkpoint (<see cref="StopReason.Cancelled"/>); runs not yet started are not started.</para>
/// </remarks>
public sealed class BatchedTrainer
{
    /// <summary>Threads advancing runs; one per core by default.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs holding an engine at once.</summary>
    public int MaxActive { get; init; } = 32;

    /// <summary>Runs every run to its end. <paramref name="starts"/>[i] opens run i (a fresh or resumed
    /// <see cref="TrainingSession"/>); it is called on a worker thread, and an exception there fails run i alone.</summary>
    /// <param name="starts">One opener per run, long runs first.</param>
    /// <param name="finished">Called once per run as it ends (on a worker thread), with its index and outcome.</param>
    /// <param name="cancellationToken">When cancelled, runs not yet opened are left alone (their outcome is null).</param>
    public BatchedOutcome?[] Run(IReadOnlyList<Func<TrainingSession>> starts, Action<int, BatchedOutcome>? finished = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (Workers < 1) throw new InvalidSpecException($"invalid batch: workers {Workers} must be at least 1");
        if (MaxActive < 1) throw new InvalidSpecException($"invalid batch: active runs {MaxActive} must be at least 1");
        var outcomes = new BatchedOutcome?[starts.Count];
        var due = new Queue<(int Index, TrainingSession Session)>();
        var gate = new object();
        int next = 0, active = 0;

        void End(int index, BatchedOutcome outcome)
        {
            lock (gate)
            {
                outcomes[index] = outcome;
                active--;
                Monitor.PulseAll(gate);
            }
            finished?.Invoke(index, outcome);
        }

        void Work()
        {
            while (true)
            {
                (int Index, TrainingSession? Session) item;
                lock (gate)
                {
                    while (true)
                    {
                        bool canOpen = next < starts.Count && active < MaxActive && !cancellationToken.IsCancellationRequested;
                        // Opening first: every run (up to MaxActive) joins the pass before any run goes a block further.
                        if (canOpen) { item = (next++, null); active++; break; }
                        if (due.Count > 0) { item = due.Dequeue(); break; }
                        if (active == 0) return;
                        Monitor.Wait(gate);
                    }
                }
                TrainingSession session;
                try
                {
                    session = item.Session ?? starts[item.Index]();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    End(item.Index, new BatchedOutcome(null, OneLine(e)));
                    continue;
                }
                bool more;
                try
                {
                    more = session.Advance();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    session.Dispose();
                    End(item.Index, new BatchedOutcome(null, OneLine(e)));
                    continue;
                }
                if (more)
                {
                    lock (gate)
                    {
                        due.Enqueue((item.Index, session));
                        Monitor.Pulse(gate);
                    }
                    continue;
                }
                var history = session.History;
                session.Dispose();
                End(item.Index, new BatchedOutcome(history, null));
            }
        }

        int threads = Math.Max(1, Math.Min(Workers, starts.Count));
        if (threads == 1) Work();
        else
        {
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(Work) { IsBackground = true }).ToArray();
            foreach (var t in workers) t.Start();
            foreach (var t in workers) t.Join();
        }
        return outcomes;
    }

    private static string OneLine(Exception e)
    {
        var message = e is FrequencyLabException or IOException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        return message.Split('\n')[0].Trim();
    }
}
