using TempAct.Models.Planner;

namespace TempAct.Studio;

/// <summary>
/// The first plan draws of streams that start at about the same time, decoded together: the first caller opens a batch,
/// waits <see cref="Gather"/> for others to join, then samples every joined request in one batched planner forward a
/// token (<see cref="LocalPlanner.SampleEach(IReadOnlyList{PlanRequest}, int, IReadOnlyList{long}, IReadOnlyList{Action{IReadOnlyList{int}}?})"/>,
/// each request from its own seed, so its plan is the one it gets alone) while each request's progress streams its
/// steps as they decode. A request that comes while a batch decodes opens the next one, which decodes alongside; if a
/// batch fails (an instruction too long for the planner), every request in it is drawn on its own, so the error is its
/// own.
/// </summary>
public sealed class StudioPlanBatcher(LocalPlanner planner)
{
    /// <summary>How long the first request of a batch waits for others.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(15);

    private sealed class Pending(PlanRequest request, long seed, Action<IReadOnlyList<int>>? progress)
    {
        public PlanRequest Request { get; } = request;
        public long Seed { get; } = seed;
        public Action<IReadOnlyList<int>>? Progress { get; } = progress;
        public TaskCompletionSource<PlanSample?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly object gate = new();
    private List<Pending>? gathering;

    /// <summary>How many batches have been decoded and how many requests they held (for tests and the bench).</summary>
    public (int Batches, int Requests) Decoded { get { lock (gate) return (batches, requests); } }
    private int batches, requests;

    /// <summary>One plan for <paramref name="request"/> drawn from <paramref name="seed"/> (the plan
    /// <see cref="LocalPlanner.Sample(string, int?, int, int, long, Action{IReadOnlyList{int}}?)"/> gives with count 1),
    /// blocking the calling thread (a planning thread of its own) until it is decoded.</summary>
    public PlanSample Draw(PlanRequest request, long seed, Action<IReadOnlyList<int>>? progress)
    {
        var me = new Pending(request, seed, progress);
        bool leader;
        lock (gate)
        {
            leader = gathering is null;
            gathering ??= [];
            gathering.Add(me);
        }
        if (leader)
        {
            Thread.Sleep(Gather);
            List<Pending> batch;
            lock (gate) { batch = gathering!; gathering = null; batches++; requests += batch.Count; }
            try
            {
                var drawn = planner.SampleEach(batch.Select(b => b.Request).ToList(), 1, batch.Select(b => b.Seed).ToList(), batch.Select(b => b.Progress).ToList());
                for (int i = 0; i < batch.Count; i++) batch[i].Done.SetResult(drawn[i][0]);
            }
            catch (Exception) { foreach (var b in batch) b.Done.TrySetResult(null); }
        }
        return me.Done.Task.GetAwaiter().GetResult()
            ?? planner.Sample(request.Instruction, request.Steps, request.TotalChunks, 1, seed, progress)[0];
    }
}
