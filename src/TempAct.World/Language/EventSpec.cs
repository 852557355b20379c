using TempAct.World.Events;
using TempAct.World.Scenes;

namespace TempAct.World.Language;

/// <summary>One event as the text gives it, before the scene is settled: a whole action, or a move given by where it
/// ends (<see cref="Target"/>), which becomes zero or more moves once the object's position is known.</summary>
/// <param name="Subject">The subject's frame-0 name.</param>
/// <param name="Action">The action, or null for a <see cref="Target"/> move.</param>
/// <param name="Color">The target colour of a turn.</param>
/// <param name="Target">Where a destination move ends, or null.</param>
/// <param name="Pace">Slow or normal.</param>
/// <param name="Verb">The first word of the verb (where errors about this event point).</param>
/// <param name="Statement">The clause that describes it, as written.</param>
internal sealed record EventSpec(string Subject, ActionKind? Action, ColorName? Color, MoveTarget? Target, Pace Pace, Token Verb, string Statement);
