using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Studio;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Studio;

/// <summary>`studio`: the live studio in the browser — wires the networks and the options, starts the server, prints the
/// URL and waits for Ctrl+C. The policy (runs, planning, switching, limits) lives in TempAct.Studio.</summary>
public sealed class StudioCommand : AsyncCommand<StudioCommand.Settings>
{
    /// <summary>Options of `studio`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Port.</summary>
        [CommandOption("--port"), Description("TCP port (0: any free port)."), DefaultValue(8080)] public int Port { get; init; } = 8080;
        /// <summary>Address.</summary>
        [CommandOption("--host"), Description("Address to bind; loopback by default (the studio has no authentication)."), DefaultValue("127.0.0.1")]
        public string Host { get; init; } = "127.0.0.1";
        /// <summary>Executor.</summary>
        [CommandOption("--model"), Description("Executor checkpoint folder (or a models/tempact-style folder)."), DefaultValue("models/executor-ll")]
        public string Model { get; init; } = "models/executor-ll";
        /// <summary>Planner.</summary>
        [CommandOption("--planner"), Description("base (models/planner-base), a checkpoint folder, or an OpenAI-compatible endpoint URL."), DefaultValue("base")]
        public string Planner { get; init; } = "base";
        /// <summary>RL-trained weights.</summary>
        [CommandOption("--tempact"), Description("RL-trained folder for the side-by-side mode (used when present; none: never)."), DefaultValue("models/tempact")]
        public string TempAct { get; init; } = "models/tempact";
        /// <summary>Device.</summary>
        [CommandOption("--device"), Description("cpu, cuda or auto."), DefaultValue("cpu")] public string Device { get; init; } = "cpu";
        /// <summary>Concurrency bound.</summary>
        [CommandOption("--max-streams"), Description("Videos generated at once (a side-by-side run counts two); more starts are answered busy."), DefaultValue(3)]
        public int MaxStreams { get; init; } = 3;
        /// <summary>Machine-readable announcement.</summary>
        [CommandOption("--json"), Description("Print {\"url\"} on stdout once listening.")] public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Port is < 0 or > 65535 ? ValidationResult.Error($"--port must be 0..65535, got {Port}")
            : MaxStreams < 1 ? ValidationResult.Error($"--max-streams must be at least 1, got {MaxStreams}")
            : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var options = new StudioOptions(s.Host, s.Port, s.MaxStreams).Validate();
        using var loaded = new StudioModelsLoader(s.Model, s.Planner, s.TempAct, DeviceChoice.Resolve(s.Device));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            StudioServer started;
            try { started = await StudioServer.StartAsync(loaded.Models, options, cancellation); }
            catch (IOException e)
            {
                Console.Error.WriteLine($"usage error: cannot listen on {s.Host}:{s.Port} ({e.Message})");
                return ExitCodes.Usage;
            }
            await using var server = started;
            if (options.IsPublic)
                CliConsole.Human.MarkupLine($"[yellow]warning:[/] listening on {Markup.Escape(s.Host)}, reachable from other machines; the studio has no authentication");
            CliConsole.Human.MarkupLine($"executor {Markup.Escape(loaded.Models.ExecutorName)}, planner {Markup.Escape(loaded.Models.PlannerName)}; side by side: "
                + (loaded.TempActMissing is null ? "base vs TempAct" : $"switch none vs recache (TempAct weights not loaded: {Markup.Escape(loaded.TempActMissing)})"));
            CliConsole.Human.MarkupLine($"studio at [bold]{Markup.Escape(server.BaseAddress.ToString())}[/] — open it in a browser; Ctrl+C stops");
            if (s.Json) CliConsole.Result(JsonSerializer.Serialize(new { url = server.BaseAddress.ToString() }, WorldJson.Options));
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }
            CliConsole.Human.MarkupLine("stopping the studio…");
        }
        finally { Console.CancelKeyPress -= onCancel; }
        return ExitCodes.Ok;
    }
}
