using Microsoft.Playwright;

namespace TempAct.Tests.Browser;

/// <summary>
/// A headless Chromium for page tests, reusable by any test that opens a page: Debian's <c>/usr/bin/chromium</c> driven by
/// Playwright's bundled driver (the <c>.playwright</c> folder the package copies into the test output; no browser is ever
/// downloaded), launched with the flags a closed network needs and a fresh profile folder that is deleted on dispose.
/// Use with <see cref="ChromiumFactAttribute"/>: <c>await using var browser = await BrowserSession.StartAsync();
/// var page = await browser.NewPageAsync(); await page.GotoAsync(BrowserSession.FileUrl(path));</c>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>The system browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Chromium's flags besides headless mode and the profile folder (Playwright passes those two): no sandbox
    /// (root in a container), no GPU, and nothing that reaches for the network at start (without these it stalls).</summary>
    public static IReadOnlyList<string> Flags { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>Whether the browser is installed.</summary>
    public static bool Available => File.Exists(ChromiumPath);

    private readonly IPlaywright playwright;
    private readonly string profile;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        this.playwright = playwright; Context = context; this.profile = profile;
    }

    /// <summary>The browser context (one fresh profile); its pages share cookies and storage.</summary>
    public IBrowserContext Context { get; }

    /// <summary>Launches the browser headless with a viewport of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static async Task<BrowserSession> StartAsync(int width = 1400, int height = 1000)
    {
        if (!Available) throw new InvalidOperationException($"{ChromiumPath} is not installed");
        string profile = Path.Combine(Path.GetTempPath(), "tempact-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Flags,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Timeout = 120_000, // a start-up guard on a loaded machine, not a speed check
            });
            return new BrowserSession(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>A new page (tab) in the context.</summary>
    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>The file:// URL of a local file.</summary>
    public static string FileUrl(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>Saves a PNG screenshot of <paramref name="page"/> (the whole page unless <paramref name="fullPage"/> is
    /// false) to <paramref name="path"/>; returns its full path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string path, bool fullPage = true)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = full, FullPage = fullPage, Type = ScreenshotType.Png });
        return full;
    }

    /// <summary>The images of the page that did not load (naturalWidth 0 once complete, or never complete): their src.</summary>
    public static async Task<IReadOnlyList<string>> BrokenImagesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))");

    /// <summary>Closes the browser, stops the driver and deletes the profile folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await Context.CloseAsync(); }
        finally
        {
            playwright.Dispose();
            TryDelete(profile);
        }
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { } // best effort: the browser may still hold a lock file for a moment
        catch (UnauthorizedAccessException) { }
    }
}
