using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.World.Media;
using TempAct.World.Rendering;
using TempAct.World.Serialization;
using TempAct.World.Tracking;

namespace TempAct.Cli.Commands.World;

/// <summary>`world track`: the tracker on saved frames (a video JSON, a folder of PNG frames, or a GIF).</summary>
public sealed class WorldTrackCommand : Command<WorldTrackCommand.Settings>
{
    /// <summary>Arguments of `world track`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>A *.video.json file, a GIF, a PNG/JPEG, or a folder of frame images.</summary>
        [CommandArgument(0, "<VIDEO>"), Description("A .video.json file (loss-free), a GIF, a PNG/JPEG, or a folder of frame images.")] public string Video { get; init; } = "";
        /// <summary>Print JSON on stdout.</summary>
        [CommandOption("--json"), Description("Print {\"frames\", \"tracks\", \"events\"} on stdout.")] public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var video = Load(s.Video);
        var result = Tracker.Track(video);
        var events = result.Events.Select(e => new { subject = e.Subject, action = e.ActionCode, onset = e.Onset, end = e.End }).ToList();
        var tracks = result.Tracks.Select(t => new { name = t.Name, first = t.FirstFrame, last = t.LastFrame }).ToList();
        if (s.Json)
        {
            CliConsole.Result(JsonSerializer.Serialize(new { frames = video.Frames, tracks, events }, WorldJson.Options));
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("subject", "action", "onset", "end");
        foreach (var e in events) table.AddRow(e.subject, e.action, $"{e.onset}", $"{e.end}");
        CliConsole.Human.MarkupLine($"{video.Frames} frames, {tracks.Count} tracks: {Markup.Escape(string.Join(", ", tracks.Select(t => t.name)))}");
        CliConsole.Human.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>Loads frames from any of the supported forms; errors name the path and the problem.</summary>
    public static Video Load(string path)
    {
        if (Directory.Exists(path)) return VideoImages.ReadFolder(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file or folder");
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return VideoJson.Load(path);
        if (new[] { ".gif", ".png", ".jpg", ".jpeg" }.Any(ext => path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
            return VideoImages.ReadFrames(path); // headers checked against ImageLimits.Files before decoding
        throw new InvalidDataException($"{path}: unsupported video file; give a .video.json, a .gif, a .png, a .jpg or a folder of frame images");
    }
}
