using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using TempAct.Judges.Server;
using TempAct.Models.Planner;
using TempAct.World.Serialization;

namespace TempAct.Cli.Commands.Judges;

/// <summary>`serve`: an OpenAI-compatible chat-completions server for the judges (and, once wired, the planner), until
/// Ctrl+C or SIGTERM, then a graceful stop.</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    /// <summary>Options of `serve`.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Judge backend.</summary>
        [CommandOption("--judges"), Description("Judges to serve: oracle (tracker-based)."), DefaultValue(JudgeBackend.Oracle)]
        public JudgeBackend Judges { get; init; } = JudgeBackend.Oracle;
        /// <summary>A planner checkpoint to serve as a chat model too.</summary>
        [CommandOption("--planner"), Description("Also serve a planner (base or a checkpoint folder) as the chat model 'planner'.")]
        public string? Planner { get; init; }
        /// <summary>TCP port.</summary>
        [CommandOption("--port"), Description("TCP port (0: any free port)."), DefaultValue(8000)]
        public int Port { get; init; } = 8000;
        /// <summary>Bind address.</summary>
        [CommandOption("--host"), Description("Address to bind; loopback by default (the server has no authentication)."), DefaultValue("127.0.0.1")]
        public string Host { get; init; } = "127.0.0.1";
        /// <summary>Model name of the oracle judges.</summary>
        [CommandOption("--model"), Description("Model name the judges answer to."), DefaultValue(OracleChatModel.DefaultId)]
        public string Model { get; init; } = OracleChatModel.DefaultId;
        /// <summary>Request size limit in MB.</summary>
        [CommandOption("--max-request-mb"), Description("Largest request body in MB (413 beyond), 1..64."), DefaultValue(8)]
        public int MaxRequestMb { get; init; } = 8;
        /// <summary>Print the URL as JSON on stdout once listening.</summary>
        [CommandOption("--json"), Description("Print {\"url\", \"models\"} on stdout once listening.")]
        public bool Json { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Port is < 0 or > 65535) return ValidationResult.Error($"--port must be 0..65535, got {Port}");
            if (MaxRequestMb is < 1 or > 64) return ValidationResult.Error($"--max-request-mb must be 1..64, got {MaxRequestMb}");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings s, CancellationToken cancellation)
    {
        var options = new JudgeServerOptions(s.Host, s.Port, (long)s.MaxRequestMb << 20).Validate();
        var models = new List<IChatModel>
        {
            s.Judges switch
            {
                JudgeBackend.Oracle => new OracleChatModel(id: s.Model),
                _ => throw new ArgumentOutOfRangeException(nameof(s.Judges), s.Judges, "unknown judge backend"),
            },
        };
        if (s.Planner is not null)
        {
            // The planner LM as a chat model "planner": `plan --planner http://HOST:PORT/v1` talks to it.
            string dir = s.Planner == "base" ? RepoPaths.Find("models/planner-base") : s.Planner;
            var (lm, tokenizer) = PlannerCheckpoint.Load(dir);
            models.Add(new PlannerChatModel(new LocalPlanner(lm, tokenizer, new SamplingOptions())));
        }

        // 1. Stop on Ctrl+C, SIGTERM or the caller's token.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            // 2. Listen, announce, wait.
            JudgeServer started;
            try { started = await JudgeServer.StartAsync(models, options, cancellation); }
            catch (IOException e)
            {
                Console.Error.WriteLine($"usage error: cannot listen on {s.Host}:{s.Port} ({e.Message})");
                return ExitCodes.Usage;
            }
            await using var server = started;
            if (options.IsPublic)
                CliConsole.Human.MarkupLine($"[yellow]warning:[/] listening on {Markup.Escape(s.Host)}, reachable from other machines; the server has no authentication");
            CliConsole.Human.MarkupLine($"serving [bold]{Markup.Escape(string.Join(", ", models.Select(m => m.Id)))}[/] at [bold]{Markup.Escape(server.ApiBase.ToString())}[/] "
                + "(POST /v1/chat/completions, GET /v1/models, GET /v1/models/ID, GET /health); Ctrl+C stops");
            if (s.Json)
                CliConsole.Result(JsonSerializer.Serialize(new { url = server.ApiBase.ToString(), models = models.Select(m => m.Id) }, WorldJson.Options));
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException) { }

            // 3. Graceful stop: requests in flight finish.
            CliConsole.Human.MarkupLine("stopping: finishing requests in flight…");
            await server.StopAsync(CancellationToken.None);
            CliConsole.Human.MarkupLine($"stopped after {server.Served} completions");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return ExitCodes.Ok;
    }
}
