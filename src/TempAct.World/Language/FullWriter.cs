using TempAct.World.Events;
using TempAct.World.Scenes;
using TempAct.World.Simulation;

namespace TempAct.World.Language;

/// <summary>
/// The generator's <see cref="Wording.Full"/>: writes a scene and its events in the whole language — tense and aspect,
/// clauses of time in either order, destinations and "back", repetition and manner words, sizes and cells left for the
/// parser to settle (only when it settles them as they are), punctuation and case variants. Every choice comes from the
/// <see cref="Random"/> passed in; the text always parses back to exactly the scene and events given (tested on 5,000).
/// </summary>
internal static class FullWriter
{
    /// <summary>The instruction text for <paramref name="scene"/> and <paramref name="events"/>.</summary>
    public static string Write(Random rng, Scene scene, IReadOnlyList<WorldEvent> events)
    {
        var units = Units(rng, scene, events);
        bool past = rng.NextDouble() < 0.25;
        // The last object's clause may run straight into the first event: "A red circle on the left slides right."
        string? carried = scene.Objects[^1].Name == events[0].Subject && rng.NextDouble() < 0.12 ? events[0].Subject : null;
        var (eventSentences, specs) = new EventWriter(rng, scene, past, carried).Write(units);
        var (sceneSentences, lastHasPosture) = SceneWriter.Write(rng, scene, past, specs, carried is not null);
        var sentences = new List<string>(sceneSentences);
        if (carried is not null)
        {
            sentences[^1] += (lastHasPosture ? " and " : " ") + eventSentences[0];
            sentences.AddRange(eventSentences.Skip(1));
        }
        else sentences.AddRange(eventSentences);
        return Punctuate(rng, sentences);
    }

    /// <summary>Sentence ends, capitals and the odd all-caps text, as people type them.</summary>
    private static string Punctuate(Random rng, List<string> sentences)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < sentences.Count; i++)
        {
            string s = sentences[i];
            if (rng.NextDouble() < 0.92) s = char.ToUpperInvariant(s[0]) + s[1..];
            bool last = i == sentences.Count - 1;
            double roll = rng.NextDouble();
            string end = roll < 0.84 ? "." : roll < 0.90 ? "!" : roll < 0.94 && !last ? ";" : roll < 0.97 ? "..." : last ? "" : "…";
            text.Append(s).Append(end);
            if (!last) text.Append(' ');
        }
        return rng.NextDouble() < 0.01 ? text.ToString().ToUpperInvariant() : text.ToString();
    }

    /// <summary>The clauses to write: runs of one event (usually with a count), a run of moves that ends at an edge as a
    /// destination ("to the top"), a move to the centre as "to the middle", a move that undoes the previous one as
    /// "back", a reappearance as "comes back".</summary>
    private static List<WritingUnit> Units(Random rng, Scene scene, IReadOnlyList<WorldEvent> events)
    {
        var units = new List<WritingUnit>();
        var states = WorldSimulator.Initial(scene);
        var names = scene.Objects.Select(o => o.Name).ToArray();
        var lastMove = new ActionKind?[names.Length];
        var vanished = new bool[names.Length];
        for (int i = 0; i < events.Count;)
        {
            var ev = events[i];
            int s = Array.IndexOf(names, ev.Subject);
            int run = 1;
            while (i + run < events.Count && events[i + run] == ev) run++;
            var unit = Unit(rng, ev, run, states[s], lastMove[s], vanished[s]);
            units.Add(unit);
            for (int k = 0; k < unit.Events; k++)
            {
                WorldSimulator.TryApply(states, names, events[i + k], i + k);
                if (SceneDefaults.IsMove(ev.Action)) lastMove[s] = ev.Action;
                if (ev.Action == ActionKind.Vanish) vanished[s] = true;
            }
            i += unit.Events;
        }
        return units;
    }

    private static WritingUnit Unit(Random rng, WorldEvent ev, int run, ObjectState state, ActionKind? lastMove, bool vanished)
    {
        int column = (int)MathF.Round((state.X - 6) / 10), row = (int)MathF.Round((state.Y - 6) / 10);
        double roll = rng.NextDouble();
        if (SceneDefaults.IsMove(ev.Action))
        {
            var (edge, target) = ev.Action switch
            {
                ActionKind.MoveUp => (row, MoveTarget.Top),
                ActionKind.MoveDown => (2 - row, MoveTarget.Bottom),
                ActionKind.MoveLeft => (column, MoveTarget.LeftSide),
                _ => (2 - column, MoveTarget.RightSide),
            };
            if (edge <= run && roll < 0.4) return new WritingUnit(ev, 1, target, edge);
            bool toCentre = (row == 1 && column != 1 && (ev.Action == (column == 0 ? ActionKind.MoveRight : ActionKind.MoveLeft)))
                || (column == 1 && row != 1 && (ev.Action == (row == 0 ? ActionKind.MoveDown : ActionKind.MoveUp)));
            if (toCentre && roll < 0.6) return new WritingUnit(ev, 1, MoveTarget.Middle, 1);
            if (lastMove is { } m && Opposite(m) == ev.Action && roll < 0.75)
                return new WritingUnit(ev, 1, rng.NextDouble() < 0.35 ? MoveTarget.Return : MoveTarget.Back, 1);
        }
        if (ev.Action == ActionKind.Appear && vanished && roll < 0.3) return new WritingUnit(ev, 1, MoveTarget.Return, 1);
        return run > 1 && rng.NextDouble() < 0.75 ? new WritingUnit(ev, run, null, run) : new WritingUnit(ev, 1, null, 1);
    }

    private static ActionKind Opposite(ActionKind move) => move switch
    {
        ActionKind.MoveLeft => ActionKind.MoveRight,
        ActionKind.MoveRight => ActionKind.MoveLeft,
        ActionKind.MoveUp => ActionKind.MoveDown,
        _ => ActionKind.MoveUp,
    };
}
