namespace TempAct.Tests.Browser;

/// <summary>A fact that drives Debian's Chromium (<see cref="BrowserSession.ChromiumPath"/>) through Playwright; skipped,
/// with the reason, only when that browser is not installed (.ci/run installs it with apt-get). Playwright never downloads
/// a browser here.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the browser is absent.</summary>
    public ChromiumFactAttribute()
    {
        if (!BrowserSession.Available)
            Skip = $"{BrowserSession.ChromiumPath} is absent: the browser tests need Debian's chromium (`apt-get install -y chromium`; .ci/run installs it)";
    }
}
