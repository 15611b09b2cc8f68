using System.Diagnostics;
using System.Runtime;
using System.Text;

namespace PosConnector.Benchmarks;

/// <summary>
/// A connector call against the bare endpoint doing only its unavoidable storage request (<see cref="BareEndpoint"/>),
/// at the same concurrency on the same Azurite, in alternating rounds so both sides see the same machine load: the first
/// Create Payment (a new payment) against one insert, and a repeated Create Payment (the wait app's poll) against one
/// point read.
/// </summary>
internal static class EndpointComparison
{
    private const int Rounds = 6;
    private const int WarmupRound = 1_000;
    private const int MaxWarmupPairs = 15;

    /// <summary>A warm-up pair that compiles no more methods than this leaves the JIT quiet enough to measure.</summary>
    private const int QuietJitMethods = 25;

    /// <summary>First Create Payment, each for a new payment, against one insert.</summary>
    public static async Task FirstCreateAsync(BenchmarkStack stack, int requests, int concurrency, CancellationToken ct)
    {
        await using var bare = await BareEndpoint.StartAsync(stack.Azurite.ConnectionString);
        string NewPayment() => CreateBody(stack, Guid.NewGuid().ToString("N").ToUpperInvariant());
        await RunAsync(stack, "first Create Payment vs a bare insert endpoint", requests, concurrency, ct,
            new Side("connector, first Create Payment", stack.Connector, "/api/payments", true, NewPayment),
            new Side("bare endpoint, one insert", bare.Client, "/payments", false, NewPayment));
    }

    /// <summary>
    /// Repeated Create Payment for payments that exist (the wait app's poll: nothing changes), against one point read.
    /// The polled payments wait for their serial: the repeat path (read, decide "unchanged", answer) is the same in every
    /// phase, and no terminal is held.
    /// </summary>
    public static async Task PollAsync(BenchmarkStack stack, int requests, int concurrency, CancellationToken ct)
    {
        const int Pool = 256;
        await using var bare = await BareEndpoint.StartAsync(stack.Azurite.ConnectionString);
        var bodies = Enumerable.Range(0, Pool).Select(_ => CreateBody(stack, Guid.NewGuid().ToString("N").ToUpperInvariant())).ToArray();
        var created = new Side("", stack.Connector, "/api/payments", true, Cycle(bodies));
        var inserted = new Side("", bare.Client, "/payments", false, Cycle(bodies));
        await created.RunAsync(stack, Pool, concurrency, ct);
        await inserted.RunAsync(stack, Pool, concurrency, ct);
        if (created.Failures + inserted.Failures > 0)
        {
            throw new InvalidOperationException("The payments to poll could not all be created.");
        }

        await RunAsync(stack, "repeated Create Payment (the wait app's poll) vs a bare point-read endpoint", requests, concurrency, ct,
            new Side("connector, repeated Create Payment", stack.Connector, "/api/payments", true, Cycle(bodies)),
            new Side("bare endpoint, one point read", bare.Client, "/payments/poll", false, Cycle(bodies)));
    }

    private static Func<string> Cycle(string[] bodies)
    {
        var next = -1;
        return () => bodies[(Interlocked.Increment(ref next) & int.MaxValue) % bodies.Length];
    }

    private static string CreateBody(BenchmarkStack stack, string paymentId) =>
        PaymentDriver.CreatePaymentBody(paymentId, 10.50m, stack.Callbacks.Expect(paymentId)).ToJsonString();

    private static async Task RunAsync(BenchmarkStack stack, string title, int requests, int concurrency, CancellationToken ct, params Side[] sides)
    {
        var perRound = Math.Max(1, requests / Rounds);

        // Tiered compilation recompiles hot methods (tier 0, instrumented, tier 1) for thousands of requests, on one of
        // the machine's cores, and both sides share that core: measured meanwhile, the JIT's timing decides the ratio.
        // So warm both sides up until a pair of rounds compiles next to nothing, and report what the JIT did after.
        var (warmupPairs, lastPairMethods) = (0, long.MaxValue);
        while (warmupPairs < MaxWarmupPairs && lastPairMethods > QuietJitMethods)
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var side in sides)
            {
                await side.RunAsync(stack, WarmupRound, concurrency, ct);
            }

            lastPairMethods = JitInfo.GetCompiledMethodCount() - before;
            warmupPairs++;
        }

        foreach (var side in sides)
        {
            side.Reset();
        }

        var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
            {
                await side.RunAsync(stack, perRound, concurrency, ct);
            }
        }

        jitMethods = JitInfo.GetCompiledMethodCount() - jitMethods;
        jitTime = JitInfo.GetCompilationTime() - jitTime;

        Console.WriteLine();
        Console.WriteLine($"{title}, concurrency {concurrency}, {Rounds} alternating rounds of {perRound}");
        Console.WriteLine(FormattableString.Invariant(
            $"  warm-up: {warmupPairs} x {WarmupRound} requests per side (last pair JIT-compiled {lastPairMethods} methods); measured rounds JIT-compiled {jitMethods} methods in {jitTime.TotalMilliseconds:F0} ms"));
        foreach (var side in sides)
        {
            Console.WriteLine(FormattableString.Invariant($"  {side.Name,-34}{side.Throughput,7:F1} requests/s   {Percentiles.Of(side.Latencies)}  failures {side.Failures}"));
            Console.WriteLine(FormattableString.Invariant(
                $"  {"",-34}cpu per request: this process {side.ProcessCpuMicros,5:F0} µs (driver included), Azurite {side.AzuriteCpuMicros,5:F0} µs; allocated {side.AllocatedKib,5:F0} KiB"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  {"ratio (connector / bare)",-34}{sides[0].Throughput / sides[1].Throughput,7:F2}x throughput   p99 {Percentiles.Of(sides[0].Latencies).P99 / Percentiles.Of(sides[1].Latencies).P99:F2}x"));
    }

    private sealed class Side(string name, HttpClient client, string path, bool merchant, Func<string> nextBody)
    {
        private readonly List<double> _latencies = [];
        private TimeSpan _elapsed, _processCpu, _azuriteCpu;
        private long _allocated;
        private int _count;

        public string Name => name;

        public IReadOnlyList<double> Latencies => _latencies;

        public int Failures { get; private set; }

        public double Throughput => _count / _elapsed.TotalSeconds;

        public double ProcessCpuMicros => _processCpu.TotalMicroseconds / _count;

        public double AzuriteCpuMicros => _azuriteCpu.TotalMicroseconds / _count;

        public double AllocatedKib => _allocated / 1024d / _count;

        public void Reset()
        {
            _latencies.Clear();
            _elapsed = _processCpu = _azuriteCpu = TimeSpan.Zero;
            _allocated = 0;
            _count = 0;
            Failures = 0;
        }

        public async Task RunAsync(BenchmarkStack stack, int count, int concurrency, CancellationToken ct)
        {
            using var gate = new SemaphoreSlim(concurrency);
            using var self = Process.GetCurrentProcess();
            var (cpuBefore, azuriteBefore, allocatedBefore) = (self.TotalProcessorTime, stack.Azurite.ProcessorTime(), GC.GetTotalAllocatedBytes());
            var started = Stopwatch.GetTimestamp();
            var latencies = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    return await PostAsync(ct);
                }
                finally
                {
                    gate.Release();
                }
            }));
            _elapsed += Stopwatch.GetElapsedTime(started);
            self.Refresh();
            _processCpu += self.TotalProcessorTime - cpuBefore;
            _azuriteCpu += stack.Azurite.ProcessorTime() - azuriteBefore;
            _allocated += GC.GetTotalAllocatedBytes() - allocatedBefore;
            _count += count;
            _latencies.AddRange(latencies.Where(double.IsFinite));
            Failures += latencies.Count(l => !double.IsFinite(l));
        }

        private async Task<double> PostAsync(CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(nextBody(), Encoding.UTF8, "application/json") };
            if (merchant)
            {
                request.Headers.Add("X-VTEX-API-AppKey", BenchmarkStack.MerchantAppKey);
                request.Headers.Add("X-VTEX-API-AppToken", BenchmarkStack.MerchantAppToken);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            return response.IsSuccessStatusCode ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : double.NaN;
        }
    }
}
