namespace TempAct.Tests.Studio;

/// <summary>A fact that drives Debian's Chromium at <see cref="Executable"/> (installed by .ci/run with apt-get); skipped
/// with the reason when it is not there. No browser is ever downloaded.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>The system browser.</summary>
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the browser is missing.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable)) Skip = $"{Executable} is missing: install Debian's chromium (`apt-get install -y chromium`, as .ci/run does) to run the browser test";
    }
}
