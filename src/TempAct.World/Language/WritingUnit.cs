using TempAct.World.Events;

namespace TempAct.World.Language;

/// <summary>What one clause of generated text says: an event, how many times (a count), or a destination move that
/// stands for <see cref="Events"/> moves.</summary>
/// <param name="Event">The event (the first of the run).</param>
/// <param name="Count">The count the clause writes (1 for a destination).</param>
/// <param name="Target">The destination or "back", when the clause says where the move ends instead of its direction.</param>
/// <param name="Events">How many world events the clause stands for.</param>
internal sealed record WritingUnit(WorldEvent Event, int Count, MoveTarget? Target, int Events);
