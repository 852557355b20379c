using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TempAct.Cli;

/// <summary>Reads the JSON training configs (configs/*.json): comments allowed, unknown fields rejected, errors naming
/// the file and the JSON problem.</summary>
public static class ConfigFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The config at <paramref name="path"/>, or the defaults when the path is null.</summary>
    public static T Read<T>(string? path) where T : new() => Read<T>(path, []);

    /// <summary>The config at <paramref name="path"/> (the defaults when null) with <paramref name="overrides"/> applied
    /// first: each "Section.Field=value" (value a JSON literal — 0.001, true, [1, 2], "text" — or else taken as a string)
    /// replaces or adds that field, as Hydra's key=value does. A malformed override is an <see cref="ArgumentException"/>
    /// naming it; an override naming an unknown field fails like an unknown field in the file.</summary>
    public static T Read<T>(string? path, IReadOnlyList<string> overrides) where T : new()
    {
        if (path is not null && !File.Exists(path)) throw new FileNotFoundException($"{path}: config file not found");
        string source = path ?? "default config";
        JsonObject root;
        try
        {
            root = path is null ? new JsonObject()
                : JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                  ?? throw new InvalidDataException($"{path}: the config must be a JSON object");
        }
        catch (JsonException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
        foreach (var o in overrides) Apply(root, o);
        string where = overrides.Count == 0 ? source : $"{source} with --set {string.Join(" ", overrides)}";
        try { return root.Deserialize<T>(Options) ?? new T(); }
        catch (JsonException e) { throw new InvalidDataException($"{where}: {e.Message}", e); }
    }

    private static void Apply(JsonObject root, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--set '{assignment}': expected Section.Field=value");
        var keys = assignment[..eq].Trim().Split('.');
        if (keys.Any(k => k.Length == 0)) throw new ArgumentException($"--set '{assignment}': empty name in '{assignment[..eq]}'");
        string text = assignment[(eq + 1)..].Trim();
        JsonNode? value;
        try { value = JsonNode.Parse(text); }
        catch (JsonException) { value = JsonValue.Create(text); }
        var node = root;
        foreach (var key in keys[..^1])
        {
            if (node[key] is JsonObject child) { node = child; continue; }
            if (node[key] is not null) throw new ArgumentException($"--set '{assignment}': '{key}' is not a section");
            node[key] = child = new JsonObject();
            node = child;
        }
        node[keys[^1]] = value;
    }
}
