using Azure.Data.Tables;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Platform.Http;
using GovFunctions.Platform.Storage;
using Microsoft.AspNetCore.Http;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Where the intake's CPU goes: each step of recording a call run on its own, one at a time, and the process's CPU time per
/// step — the body read as JSON, the identity lookup, validation, the same-issue check, the record's JSON, the counter
/// actions, the raw SDK transaction of the call's rows — against the whole function; the rest is the shard lock, the record
/// store, the outbox and what the SDK does beyond the raw transaction. Logging: the path logs only on a conflict.
/// </summary>
public sealed class HotlineProfile(BenchApp app, string operatorEmail, HotlineBodies bodies, TableClient floorTable,
    IReadOnlyList<TableEntity> rows)
{
    public IReadOnlyList<Figure> Figures { get; private set; } = [];
    public int Recorded { get; private set; }

    /// <summary>Runs each step <paramref name="n"/> times; the whole function records calls <c>from</c> onwards.</summary>
    public async Task<HotlineProfile> RunAsync(int n, int from)
    {
        var identity = app.Get<StaffIdentity>();
        var open = app.Get<HotlineOpenCalls>();
        var counters = app.Get<HotlineCounters>();
        var hotline = app.Get<HotlineService>();
        var functions = app.Create<HotlineFunctions>();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var s = await RequestBody.ReadAsync<CallIntake>(HotlineBenchmark.Request(operatorEmail, bodies[from]));
        var (category, receivedAt) = (s.Category!.Value, s.ReceivedAt!.Value);
        var record = rows.First(r => r.RowKey.EndsWith("|record", StringComparison.Ordinal)).RowKey;
        var call = (await hotline.Store.FindAsync(HotlineIds.KeyOf(record[..record.IndexOf('|')])))!.Value;
        var partition = HotlineIds.KeyOf(call.Id).Partition;
        var window = TimeSpan.FromDays(hotline.Options.SameIssueDays);
        HttpRequest Request(int i) => HotlineBenchmark.Request(operatorEmail, bodies[from + i]);

        var steps = new List<(string Step, Cost Cost)>
        {
            ("body read as JSON (RequestBody)", await CpuAsync(n, i => RequestBody.ReadAsync<CallIntake>(Request(i)))),
            ("identity (StaffIdentity)", await CpuAsync(n, i => identity.RequireStaffAsync(Request(i)))),
            ("validation (HotlineRules)", await CpuAsync(n, _ =>
            {
                HotlineRules.Validate(s, org, app.Clock.GetUtcNow());
                return Task.CompletedTask;
            })),
            ("same-issue check (open calls)", await CpuAsync(n, async _ => HotlineRules.SameIssueIds(
                await open.CandidatesAsync(category, s.Location, receivedAt, window, default), category, s.Location, s.Content!,
                receivedAt, window))),
            ("record JSON (StoredJson)", await CpuAsync(n, _ => Task.FromResult(StoredJson.Serialize(call)))),
            ("counter actions (HotlineCounters)", await CpuAsync(n, _ =>
                counters.ActionsAsync(partition, CallCounts.Delta(null, call), null, call, default))),
            ("raw SDK transaction of the call's rows", await CpuAsync(n, i => floorTable.SubmitTransactionAsync(rows.Select(r =>
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, HotlineBenchmark.Copy(r, $"profile{i % 50}", r.RowKey)))))),
        };
        var history = new HistoryEntry(app.Clock.GetUtcNow(), "operator", "接线员", null, HotlineCall.NameOf(call.Status), "当场答复并办结");
        // A table of its own, so the month's scan and counters see only the calls recorded through the function.
        var store = new RecordStore<HotlineCall>(app.Get<StorageClients>(), app.Get<Outbox>(), "HotlineProfile");
        var appTable = await store.TableAsync();
        var recordRows = rows // the record and its history row: the profile's store derives no list row
            .Where(r => r.RowKey != HotlineCounters.RowKey && !r.RowKey.StartsWith("mine|", StringComparison.Ordinal)).ToList();
        var storeOnly = await CpuAsync(n, i =>
        {
            var id = HotlineIds.New(receivedAt, i % 16) + "s";
            return store.CreateAsync(HotlineIds.KeyOf(id[..^1]), call with { Id = id[..^1] }, history);
        });
        var added = 0;
        var rawTwo = await CpuAsync(n, i => appTable.SubmitTransactionAsync(recordRows.Select(r => new TableTransactionAction(
            TableTransactionActionType.Add, HotlineBenchmark.Copy(r, $"profile{i % 50}", $"{added++}|{r.RowKey}")))));
        var whole = await CpuAsync(n, i => functions.RecordCall(Request(i)));
        Recorded = n + 1; // the warm-up call too
        steps.Add(("rest: shard lock, record store, outbox, SDK beyond the raw transaction",
            steps.Aggregate(whole, (rest, s) => rest - s.Cost)));
        steps.Add(("whole call (RecordCall), one at a time", whole));
        steps.Add(("of the rest: record store and outbox (CreateAsync without counters, minus a raw transaction of its 2 rows)",
            storeOnly - rawTwo));
        Figures = steps.SelectMany(s => new[]
        {
            new Figure("profile: " + s.Step, "µs CPU per call", [s.Cost.Us]),
            new Figure("profile: " + s.Step, "KB allocated per call", [s.Cost.Kb]),
        }).OrderBy(f => f.Unit, StringComparer.Ordinal).ToList();
        return this;
    }

    /// <summary>What one step costs per call: CPU time (µs) and memory allocated (KB).</summary>
    private readonly record struct Cost(double Us, double Kb)
    {
        public static Cost operator -(Cost a, Cost b) => new(a.Us - b.Us, a.Kb - b.Kb);
    }

    private static async Task<Cost> CpuAsync<T>(int n, Func<int, Task<T>> step)
    {
        await step(0); // warm
        var m = await Measured.OfAsync(async () => { for (var i = 0; i < n; i++) await step(i); });
        return new Cost(m.Cpu.TotalMilliseconds * 1000 / n, m.KbPer(n));
    }

    private static Task<Cost> CpuAsync(int n, Func<int, Task> step) => CpuAsync(n, async i => { await step(i); return 0; });
}
