using System.Text.Json;
using Microsoft.Playwright;
using TempAct.Tests.Cli;
using Xunit.Abstractions;

namespace TempAct.Tests.Browser;

/// <summary>The eval report page in a real browser: a small `eval` (two instructions, one seed, single, step and tempact on
/// a freshly exported adapter folder) writes index.html; headless Chromium opens it from disk, every image has loaded, the
/// sort buttons put the rows in the expected order, and a screenshot is saved.</summary>
[Collection(TorchCollection.Name)]
public sealed class ReportPageBrowserTests(ITestOutputHelper output)
{
    private sealed record Row(int Order, string Instruction, double? Gain);

    [ChromiumFact]
    public async Task EvalReportPage_LoadsEveryImage_SortsRows_AndScreenshots()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-report-page-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string report = Path.Combine(dir, "report"), tempact = Path.Combine(dir, "tempact");
        try
        {
            FreshTempActFolder.Export(tempact);
            var r = CliRunner.Run("eval", "--set", "simple", "--limit", "2", "--seeds", "1", "--modes", "single,step,tempact", "--tempact", tempact, "--out", report);
            Assert.True(r.Code == 0, r.Stderr);
            using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "results.json")));
            Assert.Equal(2, results.RootElement.GetProperty("modes").GetProperty("tempact").GetProperty("n").GetInt32());

            await using var browser = await BrowserSession.StartAsync();
            var page = await browser.NewPageAsync();
            var response = await page.GotoAsync(BrowserSession.FileUrl(Path.Combine(report, "index.html")), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.NotNull(response);

            // Every image loaded: 8 charts and 2 instructions × 3 modes × 1 seed GIFs.
            int images = await page.EvaluateAsync<int>("() => document.images.length");
            Assert.Equal(8 + 6, images);
            Assert.Empty(await BrowserSession.BrokenImagesAsync(page));
            Assert.Equal(6, await page.Locator("img.gif").CountAsync());
            Assert.Equal(6, await page.Locator(".timeline").CountAsync());
            // The GIFs are scaled up on the page: 32-pixel frames shown 4× with pixelated scaling.
            Assert.Equal(32, await page.EvaluateAsync<int>("() => document.querySelector('img.gif').naturalWidth"));
            Assert.Equal(128, await page.EvaluateAsync<int>("() => document.querySelector('img.gif').clientWidth"));
            Assert.Equal("pixelated", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('img.gif')).imageRendering"));

            var initial = await RowsAsync(page);
            Assert.Equal([0, 1], initial.Select(x => x.Order));
            Assert.All(initial, x => Assert.NotNull(x.Gain));

            // By instruction: A–Z, then Z–A on a second click (two different instructions: one of the two moves the rows).
            await page.ClickAsync("#sort-instruction");
            var az = await RowsAsync(page);
            Assert.Equal(initial.OrderBy(x => x.Instruction.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(x => x.Order).Select(x => x.Order), az.Select(x => x.Order));
            await page.ClickAsync("#sort-instruction");
            var za = await RowsAsync(page);
            Assert.Equal(az.Select(x => x.Order).Reverse(), za.Select(x => x.Order));
            Assert.Equal("instruction:desc", await page.GetAttributeAsync("#videos", "data-sort"));

            // By gain (tfs tempact − step): the most helped first, then reversed.
            await page.ClickAsync("#sort-gain");
            var gain = await RowsAsync(page);
            Assert.Equal(initial.OrderByDescending(x => x.Gain).ThenBy(x => x.Order).Select(x => x.Order), gain.Select(x => x.Order));
            Assert.Equal("gain:desc", await page.GetAttributeAsync("#videos", "data-sort"));
            await page.ClickAsync("#sort-gain");
            Assert.Equal(initial.OrderBy(x => x.Gain).ThenBy(x => x.Order).Select(x => x.Order), (await RowsAsync(page)).Select(x => x.Order));
            await page.ClickAsync("#sort-order");
            Assert.Equal([0, 1], (await RowsAsync(page)).Select(x => x.Order));

            string shot = await BrowserSession.ScreenshotAsync(page, Path.Combine(dir, "report-page.png"));
            Assert.True(new FileInfo(shot).Length > 0);
            output.WriteLine($"screenshot: {shot}");
        }
        finally
        {
            // Keep the screenshot for a person to look at; remove the rest.
            foreach (var path in new[] { report, tempact })
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<Row>> RowsAsync(IPage page)
    {
        var rows = await page.EvaluateAsync<JsonElement>(
            "() => Array.from(document.querySelectorAll('#videos tbody tr')).map(r => [r.dataset.order, r.dataset.instruction, r.dataset.gain])");
        return rows.EnumerateArray().Select(a => new Row(int.Parse(a[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), a[1].GetString()!,
            a[2].GetString() is { Length: > 0 } g ? double.Parse(g, System.Globalization.CultureInfo.InvariantCulture) : null)).ToList();
    }
}
