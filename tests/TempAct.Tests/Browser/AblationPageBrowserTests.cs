using Microsoft.Playwright;
using TempAct.Evaluation.Eval;
using TempAct.Evaluation.Metrics;
using TempAct.Evaluation.Report;
using TempAct.Models.Executor;
using TempAct.Tests.Judges;
using TempAct.World.Benchmarks;
using TempAct.World.Events;
using TempAct.World.Tracking;
using Xunit.Abstractions;

namespace TempAct.Tests.Browser;

/// <summary>The report page of an ablation table (11 modes: single, step, tempact, tempact-recache and seven arms) in a
/// real browser, built from rendered videos (no generation): the first three modes' videos are shown and loaded, the
/// others are neither until their checkbox (or "all") shows them; the charts are as wide as eleven bars need.</summary>
[Collection(TorchCollection.Name)]
public sealed class AblationPageBrowserTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<EvalMode> Modes =
        EvalMode.ParseList("single,step,tempact,tempact-recache,flat,planner-frozen,executor-frozen,no-kl,no-aesthetic,uniform-spans,look-ahead");

    [ChromiumFact]
    public async Task ElevenModes_ShowThreeAtFirst_LoadTheRestOnDemand()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tempact-ablation-page-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string pageDir = Path.Combine(dir, "report");
        try
        {
            var item = new BenchmarkItem(JudgeScenarios.Instruction, JudgeScenarios.Frames, EventTiming.Assign(JudgeScenarios.Instruction.Events, JudgeScenarios.Frames));
            var set = new EvalSet("tiny", [item, item with { }], []);
            var page = new EvalPage(pageDir, set, Modes, 1);
            var all = new List<EvalVideo>();
            foreach (var m in Modes)
                for (int i = 0; i < 2; i++)
                {
                    var video = i == 0 ? JudgeScenarios.GroundTruth() : JudgeScenarios.MissingEvent();
                    var tracking = Tracker.Track(video);
                    var scores = new VideoScores(TemporalMetrics.Measure(video, tracking, JudgeScenarios.Instruction, item.Timed), 0.5, 1.0);
                    var plan = m.Plans ? JudgeScenarios.TeacherPlan(JudgeScenarios.Instruction, JudgeScenarios.Frames) : null;
                    var v = new EvalVideo(m, i, 0, video, plan, false, item.Timed, plan is null ? [] : plan.SwitchChunks.Select(c => c * 3).ToList(), tracking, scores);
                    all.Add(v);
                    page.Add(v);
                }
            var report = new EvalReport("tiny", SwitchMode.None, 1,
                Modes.Select(m => ModeResult.Of(m, all.Where(v => v.Mode == m).Select(v => v.Scores).ToList(), 0) with { Switch = m.SwitchIn(SwitchMode.None) }).ToList(), [], 1.0);
            report.Save(pageDir);
            page.Write(report);

            await using var browser = await BrowserSession.StartAsync();
            var tab = await browser.NewPageAsync();
            await tab.GotoAsync(BrowserSession.FileUrl(Path.Combine(pageDir, EvalPage.IndexFile)), new PageGotoOptions { WaitUntil = WaitUntilState.Load });

            // Every metric's column is there; eight charts, each as wide as eleven bars need, all loaded.
            Assert.Equal(11, await tab.Locator("#metrics thead th").CountAsync() - 1);
            Assert.Equal(Enumerable.Repeat(EvalCharts.WidthFor(11), 8), await tab.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('.charts img')).map(i => i.naturalWidth)"));
            // The first three modes' GIFs are loaded, the others have no src yet; the hidden columns take no room.
            Assert.Equal(6, await LoadedGifsAsync(tab));
            Assert.Equal(22 - 6, await tab.EvaluateAsync<int>("() => document.querySelectorAll('img.gif[data-src]').length"));
            Assert.Equal(["single", "step", "tempact"], await VisibleModesAsync(tab));
            Assert.Empty(await BrokenAsync(tab));
            double narrow = await tab.EvaluateAsync<double>("() => document.getElementById('videos').getBoundingClientRect().width");

            // One more mode: its column and GIFs appear.
            await tab.CheckAsync("#mode-toggles input[data-mode='flat']");
            Assert.Equal(["single", "step", "tempact", "flat"], await VisibleModesAsync(tab));
            await tab.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('td[data-mode=\"flat\"] img.gif')).every(i => i.complete && i.naturalWidth > 0)");
            Assert.Equal(8, await LoadedGifsAsync(tab));
            // Hiding tempact takes its column away (its GIFs stay loaded).
            await tab.UncheckAsync("#mode-toggles input[data-mode='tempact']");
            Assert.Equal(["single", "step", "flat"], await VisibleModesAsync(tab));

            // All: every column, every GIF; then back to the first three.
            await tab.ClickAsync("#modes-all");
            Assert.Equal(Modes.Select(m => m.Name), await VisibleModesAsync(tab));
            await tab.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('img.gif')).every(i => i.complete && i.naturalWidth > 0)");
            Assert.Equal(22, await LoadedGifsAsync(tab));
            Assert.Empty(await BrokenAsync(tab));
            double wide = await tab.EvaluateAsync<double>("() => document.getElementById('videos').getBoundingClientRect().width");
            Assert.True(wide > narrow, $"all modes' table ({wide} px) should be wider than three modes' ({narrow} px)");
            string shot = await BrowserSession.ScreenshotAsync(tab, Path.Combine(dir, "ablation-page.png"));
            output.WriteLine($"screenshot: {shot}");
            await tab.ClickAsync("#modes-first");
            Assert.Equal(["single", "step", "tempact"], await VisibleModesAsync(tab));
        }
        finally
        {
            if (Directory.Exists(pageDir)) Directory.Delete(pageDir, recursive: true); // the screenshot stays for a person to look at
        }
    }

    private static Task<int> LoadedGifsAsync(IPage tab) =>
        tab.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('img.gif[src]')).filter(i => i.complete && i.naturalWidth > 0).length");

    private static Task<string[]> BrokenAsync(IPage tab) =>
        tab.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('img[src]')).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))");

    private static Task<string[]> VisibleModesAsync(IPage tab) =>
        tab.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#videos thead th[data-mode]')).filter(th => !th.hidden && th.offsetWidth > 0).map(th => th.dataset.mode)");
}
