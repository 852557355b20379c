using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TempAct.Training.Metrics;

/// <summary>
/// The run's logs: metrics.csv and metrics.jsonl (one row an epoch), eval.jsonl (one row an evaluation), TensorBoard
/// event files in tb/ (TorchSharp's SummaryWriter; "train/…", "eval/…" and "by_switch/k…/…" scalars against the
/// epoch) and summary.json (rewards by switch index over the run). The row files are append-only logs, flushed every
/// epoch; on resume they are cut back to the checkpoint's epoch (rewritten to a temp name and renamed) and the event
/// files rebuilt from the kept rows, so a resumed run's logs equal an uninterrupted run's.
/// </summary>
public sealed class RlMetrics : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly string dir;
    private readonly StreamWriter csv, jsonl, eval;
    private readonly TorchSharp.Modules.SummaryWriter tb;
    private readonly List<JsonObject> rows;

    /// <summary>Opens the logs in <paramref name="outDir"/>; <paramref name="doneEpochs"/> &gt; 0 keeps the rows of epochs
    /// before it (and evaluations up to it) and drops the rest, 0 starts afresh.</summary>
    public RlMetrics(string outDir, int doneEpochs)
    {
        dir = outDir;
        Directory.CreateDirectory(dir);
        // 1. Keep the finished epochs' rows (a killed run may have logged epochs after its last checkpoint).
        // Rows an older version logged are brought to this version's columns (one it did not log is NaN), so the CSV's
        // header and every line, old and new, have the same columns.
        rows = doneEpochs == 0 ? [] : ReadRows(Path("metrics.jsonl")).Where(r => Value(r, "epoch") < doneEpochs).Select(InColumns).ToList();
        var evals = doneEpochs == 0 ? [] : ReadRows(Path("eval.jsonl")).Where(r => Value(r, "epoch") <= doneEpochs).ToList();
        Rewrite("metrics.jsonl", rows.Select(r => r.ToJsonString(Json)));
        Rewrite("eval.jsonl", evals.Select(r => r.ToJsonString(Json)));
        Rewrite("metrics.csv", rows.Count == 0 ? [] : [Header(rows[0]), .. rows.Select(CsvLine)]);
        // 2. TensorBoard: the event files are rebuilt from the kept rows (no duplicated epochs after a resume).
        string tbDir = Path("tb");
        if (Directory.Exists(tbDir)) Directory.Delete(tbDir, recursive: true);
        Directory.CreateDirectory(tbDir);
        tb = TorchSharp.torch.utils.tensorboard.SummaryWriter(tbDir);
        foreach (var r in rows) Plot("train", r);
        foreach (var r in evals) Plot("eval", r);
        csv = new StreamWriter(Path("metrics.csv"), append: true);
        jsonl = new StreamWriter(Path("metrics.jsonl"), append: true);
        eval = new StreamWriter(Path("eval.jsonl"), append: true);
    }

    /// <summary>Logs one epoch.</summary>
    public void Write(EpochMetrics m)
    {
        var row = ToRow(m.Scalars());
        if (rows.Count == 0) csv.WriteLine(Header(row));
        rows.Add(row);
        csv.WriteLine(CsvLine(row));
        jsonl.WriteLine(row.ToJsonString(Json));
        csv.Flush(); jsonl.Flush();
        Plot("train", row);
        tb.add_scalar($"by_switch/k{m.SwitchIndex}/r_exec", (float)m.RExec, m.Epoch);
        tb.add_scalar($"by_switch/k{m.SwitchIndex}/r_plan", (float)m.RPlan, m.Epoch);
        tb.add_scalar($"by_switch/k{m.SwitchIndex}/onset_rate", (float)m.OnsetRate, m.Epoch);
        WriteSummary();
    }

    /// <summary>Logs one evaluation.</summary>
    public void Write(EvalMetrics e)
    {
        var row = ToRow(e.Scalars());
        eval.WriteLine(row.ToJsonString(Json));
        eval.Flush();
        Plot("eval", row);
    }

    /// <summary>summary.json: per switch index, how many epochs drew it and their mean R_exec, R_plan, action
    /// sub-score and onset rate, with the run's first and last epoch means of R_exec and R_plan.</summary>
    private void WriteSummary()
    {
        double Mean(IEnumerable<JsonObject> rs, string key) => rs.Select(r => Value(r, key)).DefaultIfEmpty(double.NaN).Average();
        var bySwitch = rows.GroupBy(r => (int)Value(r, "switch_index")).OrderBy(g => g.Key).ToDictionary(g => $"k{g.Key}", g => new
        {
            epochs = g.Count(), r_exec = Mean(g, "r_exec"), r_plan = Mean(g, "r_plan"), action = Mean(g, "action"), onset_rate = Mean(g, "onset_rate"),
        });
        int tenth = Math.Max(1, rows.Count / 10);
        var summary = new
        {
            epochs = rows.Count,
            first_tenth = new { r_exec = Mean(rows.Take(tenth), "r_exec"), r_plan = Mean(rows.Take(tenth), "r_plan") },
            last_tenth = new { r_exec = Mean(rows.TakeLast(tenth), "r_exec"), r_plan = Mean(rows.TakeLast(tenth), "r_plan") },
            by_switch = bySwitch,
        };
        string path = Path("summary.json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(summary, new JsonSerializerOptions(Json) { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private void Plot(string prefix, JsonObject row)
    {
        int epoch = (int)Value(row, "epoch");
        foreach (var (name, value) in row)
            if (name != "epoch" && value is not null && Number(value) is double v && double.IsFinite(v)) tb.add_scalar($"{prefix}/{name}", (float)v, epoch);
    }

    private static JsonObject ToRow(IEnumerable<(string Name, double Value)> scalars)
    {
        var row = new JsonObject();
        foreach (var (name, value) in scalars) row[name] = JsonValue.Create(value);
        return row;
    }

    private static double Value(JsonObject row, string key) => row[key] is { } node ? Number(node) ?? double.NaN : double.NaN;

    private static double? Number(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String => double.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The columns of metrics.csv and metrics.jsonl, in order.</summary>
    internal static readonly string[] Columns = [.. new EpochMetrics().Scalars().Select(s => s.Name)];

    /// <summary><paramref name="row"/> with exactly <see cref="Columns"/>, in order: a missing one is NaN, one this version
    /// does not log is dropped.</summary>
    private static JsonObject InColumns(JsonObject row)
    {
        var fixedRow = new JsonObject();
        foreach (var c in Columns) fixedRow[c] = row[c]?.DeepClone() ?? JsonValue.Create(double.NaN);
        return fixedRow;
    }

    private static string Header(JsonObject row) => string.Join(",", row.Select(kv => kv.Key));

    private static string CsvLine(JsonObject row) =>
        string.Join(",", row.Select(kv => (Number(kv.Value!) ?? double.NaN).ToString("R", CultureInfo.InvariantCulture)));

    private static List<JsonObject> ReadRows(string path) => !File.Exists(path) ? [] : File.ReadLines(path)
        .Where(l => !string.IsNullOrWhiteSpace(l))
        .Select(l => JsonNode.Parse(l, documentOptions: new JsonDocumentOptions()) as JsonObject ?? throw new InvalidDataException($"{path}: a line is not a JSON object"))
        .ToList();

    private void Rewrite(string name, IEnumerable<string> lines)
    {
        string path = Path(name);
        File.WriteAllLines(path + ".tmp", lines);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private string Path(string name) => System.IO.Path.Combine(dir, name);

    /// <inheritdoc />
    public void Dispose() { csv.Dispose(); jsonl.Dispose(); eval.Dispose(); }
}
