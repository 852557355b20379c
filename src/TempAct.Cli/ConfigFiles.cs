using System.Text.Json;
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
    public static T Read<T>(string? path) where T : new()
    {
        if (path is null) return new T();
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: config file not found");
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? new T(); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }
}
