using System.Text.Json;
using System.Text.Json.Serialization;
using TempAct.World.Events;
using TempAct.World.Language;
using TempAct.World.Scenes;

namespace TempAct.World.Serialization;

/// <summary>JSON shapes of scenes, events and instructions (the `world parse --json` shape, the benchmark lines).</summary>
public static class WorldJson
{
    /// <summary>Options used everywhere: compact, relaxed escaping so words stay readable.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indented variant for files people read.</summary>
    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>An object as JSON.</summary>
    public static ObjectJson ToJson(SceneObject o) =>
        new(o.Name, o.Color.Word(), o.Shape.Word(), o.Size.Word(), o.Placement.Name, o.Visible ? null : false);

    /// <summary>An event as JSON, with its span when known.</summary>
    public static EventJson ToJson(WorldEvent e, FrameSpan? span = null) =>
        new(e.Subject, e.ActionCode, e.Pace == Pace.Slow ? "slow" : null, span?.Start, span?.End);

    /// <summary>The parse shape: {"objects": [...], "events": [...]} (+ the text).</summary>
    public static ParsedJson ToJson(Instruction i) =>
        new(i.Text, i.Scene.Objects.Select(ToJson).ToList(), i.Events.Select(e => ToJson(e)).ToList());

    /// <summary>Back from JSON; <paramref name="where"/> names the source in errors ("simple.jsonl line 3").</summary>
    public static SceneObject FromJson(ObjectJson j, string where)
    {
        var color = Words.ParseColor(j.Color ?? "") ?? throw Bad(where, "color", j.Color);
        var shape = Words.ParseShape(j.Shape ?? "") ?? throw Bad(where, "shape", j.Shape);
        var size = Words.ParseSize(j.Size ?? "") ?? throw Bad(where, "size", j.Size);
        var place = Placement.FromName(j.Position ?? "") ?? throw Bad(where, "position", j.Position);
        return new SceneObject(color, shape, size, place, j.Visible ?? true);
    }

    /// <summary>An event back from JSON.</summary>
    public static WorldEvent FromJson(EventJson j, string where)
    {
        var code = WorldEvent.FromCode(j.Action ?? "") ?? throw Bad(where, "action", j.Action);
        var pace = j.Pace switch { null or "normal" => Pace.Normal, "slow" => Pace.Slow, _ => throw Bad(where, "pace", j.Pace) };
        if (string.IsNullOrWhiteSpace(j.Subject)) throw Bad(where, "subject", j.Subject);
        return new WorldEvent(j.Subject, code.Action, code.Target, pace);
    }

    private static InvalidDataException Bad(string where, string field, string? value) =>
        new($"{where}: field '{field}' has {(value is null ? "no value" : $"the value '{value}'")}, which is not valid");
}

/// <summary>An object in JSON.</summary>
public sealed record ObjectJson(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("color")] string? Color,
    [property: JsonPropertyName("shape")] string? Shape,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("position")] string? Position,
    [property: JsonPropertyName("visible")] bool? Visible = null);

/// <summary>An event in JSON; start/end are its frame span when known.</summary>
public sealed record EventJson(
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("pace")] string? Pace = null,
    [property: JsonPropertyName("start")] int? Start = null,
    [property: JsonPropertyName("end")] int? End = null);

/// <summary>A parsed instruction in JSON.</summary>
public sealed record ParsedJson(
    [property: JsonPropertyName("instruction")] string? Instruction,
    [property: JsonPropertyName("objects")] List<ObjectJson> Objects,
    [property: JsonPropertyName("events")] List<EventJson> Events);
