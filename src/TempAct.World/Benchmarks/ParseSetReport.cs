using TempAct.World.Language;

namespace TempAct.World.Benchmarks;

/// <summary>How the parser reads a paraphrase set: exact parses (the expected events, in order), instructions it rejects
/// (with its message) and instructions it reads as other events.</summary>
/// <param name="Total">Lines read.</param>
/// <param name="Exact">Lines parsed to exactly the expected events.</param>
/// <param name="Rejected">Lines the parser rejects: the item and the parser's message.</param>
/// <param name="Different">Lines parsed to other events: the item and what the parser made of it.</param>
public sealed record ParseSetReport(int Total, int Exact, IReadOnlyList<(ParaphraseItem Item, string Reason)> Rejected,
    IReadOnlyList<(ParaphraseItem Item, Instruction Parsed)> Different)
{
    /// <summary>Exact parses over lines.</summary>
    public double ExactRate => Total == 0 ? 0 : (double)Exact / Total;

    /// <summary>Parses every item.</summary>
    public static ParseSetReport Measure(IReadOnlyList<ParaphraseItem> items)
    {
        int exact = 0;
        var rejected = new List<(ParaphraseItem, string)>();
        var different = new List<(ParaphraseItem, Instruction)>();
        foreach (var item in items)
        {
            try
            {
                var parsed = InstructionParser.Parse(item.Text);
                if (parsed.Events.SequenceEqual(item.Events)) exact++;
                else different.Add((item, parsed));
            }
            catch (InstructionParseException e) { rejected.Add((item, e.Message)); }
        }
        return new ParseSetReport(items.Count, exact, rejected, different);
    }
}
