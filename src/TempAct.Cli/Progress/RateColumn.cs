using Spectre.Console;
using Spectre.Console.Rendering;

namespace TempAct.Cli.Progress;

/// <summary>A progress column showing items per second ("12.3 it/s").</summary>
public sealed class RateColumn(string unit = "it") : ProgressColumn
{
    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } s ? $"{s:0.0} {unit}/s" : $"- {unit}/s", new Style(Color.Grey));
}
