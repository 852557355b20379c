namespace TempAct.Models.Planner;

/// <summary>Anything that writes plans for an instruction: the local LM or an external chat endpoint.</summary>
public interface IPlanner
{
    /// <summary>Samples <paramref name="count"/> plans for a video of <paramref name="totalChunks"/> chunks;
    /// <paramref name="steps"/> null lets the planner choose the step count.</summary>
    IReadOnlyList<PlanSample> Sample(string instruction, int? steps, int totalChunks, int count, long seed);

    /// <summary>[request][g]: <paramref name="count"/> plans for each request, request r as
    /// <see cref="Sample"/> samples it with seed <paramref name="seeds"/>[r]. By default one request after the other; the
    /// local LM batches them (the same plans, one forward a token for many requests).</summary>
    IReadOnlyList<IReadOnlyList<PlanSample>> SampleEach(IReadOnlyList<PlanRequest> requests, int count, IReadOnlyList<long> seeds)
    {
        if (seeds.Count != requests.Count) throw new ArgumentException($"{seeds.Count} seeds for {requests.Count} requests");
        return requests.Select((r, i) => Sample(r.Instruction, r.Steps, r.TotalChunks, count, seeds[i])).ToList();
    }
}
