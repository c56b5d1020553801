using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace GovFunctions.Benchmarks;

/// <summary>The kinds of storage request a floor replays.</summary>
public enum StorageOp
{
    PointRead, Query, Transaction, EntityWrite, EntityDelete, QueueSend, QueueReceive, QueueDelete, QueueOther, TableOther,
}

/// <summary>One storage request as the app sent it: its kind, its size, the entities (a transaction) or messages (a receive).</summary>
public readonly record struct StorageRequest(StorageOp Op, long Bytes, int Count);

/// <summary>
/// Every storage request this process sends to the given table and queue ports, from the HTTP client's own diagnostics:
/// what a floor must repeat to do the same work. Counts the entities of each entity-group transaction (the parts of its
/// change set) and the requests in flight. Only the requests of a benchmark's own flow count (<see cref="EnterScope"/>): other
/// work in the process (the other tests, when a test runs a benchmark) goes to the same emulators.
/// </summary>
public sealed class StorageLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string RequestEvents = "System.Net.Http.HttpRequestOut";
    private static readonly AsyncLocal<bool> InScope = new();
    private readonly int _tablePort, _queuePort;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly ConcurrentDictionary<HttpRequestMessage, long> _started = new(ReferenceEqualityComparer.Instance);
    private ConcurrentQueue<StorageRequest> _requests = new();
    private int _inFlight, _peak;
    private long _busyTicks, _since = Stopwatch.GetTimestamp();

    public StorageLog(int tablePort, int queuePort)
    {
        (_tablePort, _queuePort) = (tablePort, queuePort);
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Peak => Volatile.Read(ref _peak);

    /// <summary>The requests in flight on average since the log was last taken: their summed durations over the time passed.</summary>
    public double MeanInFlight =>
        Interlocked.Read(ref _busyTicks) / (double)Math.Max(1, Stopwatch.GetTimestamp() - Interlocked.Read(ref _since));

    /// <summary>From here on, the requests of this flow and of the work it starts are logged.</summary>
    public static void EnterScope() => InScope.Value = true;

    /// <summary>The requests since the last call, in the order they were sent; starts a new log.</summary>
    public IReadOnlyList<StorageRequest> Take()
    {
        var taken = Interlocked.Exchange(ref _requests, new ConcurrentQueue<StorageRequest>());
        Volatile.Write(ref _peak, 0);
        Interlocked.Exchange(ref _busyTicks, 0);
        Interlocked.Exchange(ref _since, Stopwatch.GetTimestamp());
        return [.. taken];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "HttpHandlerDiagnosticListener")
            lock (_listeners)
                _listeners.Add(listener.Subscribe(this, (name, _, _) => name.StartsWith(RequestEvents, StringComparison.Ordinal)));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (!InScope.Value) return;
        if (e.Key.EndsWith(".Start", StringComparison.Ordinal) && Request(e.Value) is { RequestUri: { } uri } request)
        {
            if (uri.Port != _tablePort && uri.Port != _queuePort) return;
            var inFlight = Interlocked.Increment(ref _inFlight);
            int peak;
            while (inFlight > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inFlight, peak) != peak) { }
            _requests.Enqueue(Classify(uri, request));
            _started[request] = Stopwatch.GetTimestamp();
        }
        else if (e.Key.EndsWith(".Stop", StringComparison.Ordinal) && Request(e.Value) is { } stopped && _started.TryRemove(stopped, out var at))
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - at);
        }
    }

    private StorageRequest Classify(Uri uri, HttpRequestMessage request)
    {
        var method = request.Method.Method;
        var path = uri.AbsolutePath;
        var bytes = request.Content?.Headers.ContentLength ?? 0;
        if (uri.Port == _queuePort)
        {
            if (!path.Contains("/messages", StringComparison.Ordinal)) return new(StorageOp.QueueOther, 0, 0);
            return method switch
            {
                "POST" => new(StorageOp.QueueSend, bytes, 1),
                "GET" => new(StorageOp.QueueReceive, 0, QueryNumber(uri.Query, "numofmessages")),
                "DELETE" => new(StorageOp.QueueDelete, 0, 1),
                _ => new(StorageOp.QueueOther, 0, 0),
            };
        }
        if (path.EndsWith("$batch", StringComparison.Ordinal)) return new(StorageOp.Transaction, bytes, ChangeSetSize(request.Content));
        var entity = path.EndsWith(')') && path.Contains("PartitionKey=", StringComparison.Ordinal);
        var tables = path.EndsWith("/Tables", StringComparison.Ordinal);
        return (method, entity) switch
        {
            ("GET", true) => new(StorageOp.PointRead, 0, 1),
            ("GET", false) when !tables => new(StorageOp.Query, 0, 1),
            ("PUT" or "MERGE" or "PATCH", true) or ("POST", false) when !tables => new(StorageOp.EntityWrite, bytes, 1),
            ("DELETE", true) => new(StorageOp.EntityDelete, 0, 1),
            _ => new(StorageOp.TableOther, 0, 0),
        };
    }

    private static int QueryNumber(string query, string name)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
            if (part.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase) && int.TryParse(part[(name.Length + 1)..], out var n))
                return n;
        return 1;
    }

    private static readonly ConcurrentDictionary<(Type, string), FieldInfo?> Fields = new();

    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    private static object? Field(object? o, string name) =>
        o is null ? null : Fields.GetOrAdd((o.GetType(), name), k => k.Item1.GetField(k.Item2, Instance))?.GetValue(o);

    /// <summary>
    /// The entities of a transaction: the parts of the change set nested in the batch body (Azure.Core's multipart content,
    /// read through its private fields; a different layout fails the benchmark loudly rather than count wrong).
    /// </summary>
    private static int ChangeSetSize(HttpContent? content)
    {
        var batch = Field(content, "_pipelineContent");
        var parts = Field(batch, "_nestedContent") as IList;
        var changeSet = parts is { Count: 1 } ? Field(Field(parts[0], "RequestContent"), "_nestedContent") as IList : null;
        return changeSet?.Count ?? throw new InvalidOperationException("cannot count the entities of a transaction: Azure.Core's batch " +
            $"content changed ({Describe(content)}; {Describe(batch)}; {(parts is { Count: > 0 } ? Describe(parts[0]) : "")})");
    }

    private static string Describe(object? o) => o is null ? "null" : o.GetType() + ": " + string.Join(", ",
        o.GetType().GetFields(Instance).Select(f => f.Name + " " + f.FieldType.Name));

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> RequestProperty = new();

    private static HttpRequestMessage? Request(object? payload) => payload is null ? null
        : RequestProperty.GetOrAdd(payload.GetType(), t => t.GetProperty("Request"))?.GetValue(payload) as HttpRequestMessage;

    public void OnError(Exception error) { }
    public void OnCompleted() { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) foreach (var l in _listeners) l.Dispose();
    }
}
