using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using PosConnector.Benchmarks;

// End-to-end POS payment benchmark; see BenchmarkOptions.Usage. Exit code 0 = every payment approved by exactly one callback.
BenchmarkOptions options;
try
{
    if (args is ["--help"] or ["-h"])
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }

    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

Console.WriteLine("Starting Azurite, the standalone host, the virtual terminal and the callback sink (loopback only)...");
var exitCode = await RunThroughputAsync(options);
if (options.Steps > 0)
{
    // After the throughput stack is gone: the storage counter sees every Azure SDK request in this process.
    Console.WriteLine();
    Console.WriteLine("Metering storage requests per step on a fresh stack...");
    await StorageStepsBenchmark.RunAsync(options);
}

return exitCode;

static async Task<int> RunThroughputAsync(BenchmarkOptions options)
{
    await using var stack = await BenchmarkStack.StartAsync(options);
    var driver = new PaymentDriver(stack);

    if (options.Warmup > 0)
    {
        using var warmupTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var warmup = await driver.RunAsync(0, options.Warmup, Math.Min(options.Concurrency, options.Warmup), warmupTimeout.Token);
        if (warmup.FirstOrDefault(p => !p.Approved) is { } failed)
        {
            Console.WriteLine($"FAIL: warm-up payment {failed.PaymentId} did not complete: {failed.Error ?? "status " + failed.Status}");
            return 1;
        }
    }

    // Other work on the machine skews every number: show how busy it was when the run started (Linux only).
    var loadBefore = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    using var self = Process.GetCurrentProcess();
    var cpuBefore = self.TotalProcessorTime;
    var azuriteCpuBefore = stack.Azurite.ProcessorTime();
    var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
    var callbacksBefore = stack.Callbacks.Received;
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
    var started = Stopwatch.GetTimestamp();
    var outcomes = await driver.RunAsync(options.Warmup, options.Payments, options.Concurrency, timeout.Token);
    var wall = Stopwatch.GetElapsedTime(started);
    self.Refresh();
    var cpu = self.TotalProcessorTime - cpuBefore;
    var azuriteCpu = stack.Azurite.ProcessorTime() - azuriteCpuBefore;

    // A second callback for the same payment would be a bug: give stragglers a moment to show up before counting.
    await Task.Delay(TimeSpan.FromSeconds(2));
    var callbacks = stack.Callbacks.Received - callbacksBefore;
    var completed = outcomes.Count(o => o.Approved);
    var duplicated = outcomes.Count(o => stack.Callbacks.CountFor(o.PaymentId) > 1);
    var failures = outcomes.Where(o => !o.Approved).ToList();
    self.Refresh();

    static string Mib(long bytes) => (bytes / 1024d / 1024d).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
    static string Line(string label, Percentiles p) => $"{label,-36}{p}";
    var creates = outcomes.SelectMany(o => new[] { o.FirstCreateMs, o.RepeatCreateMs }).Where(double.IsFinite);

    Console.WriteLine();
    Console.WriteLine("PosConnector end-to-end POS payment benchmark");
    Console.WriteLine($"{"machine",-36}{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, " +
        $"{(GCSettings.IsServerGC ? "Server" : "Workstation")} GC, load average at start {loadBefore}");
    Console.WriteLine($"{"run",-36}{options.Payments} payments, concurrency {options.Concurrency}, {options.Terminals} terminals, " +
        $"answer delay {options.AnswerDelayMs} ms, warm-up {options.Warmup}, connector logs at {options.ConnectorLogLevel} (stderr), Azurite {(stack.Azurite.Owned ? "started here (in memory)" : "from AZURITE_CONNECTION_STRING")}");
    Console.WriteLine(Line("create payment latency (all calls)", Percentiles.Of(creates)));
    Console.WriteLine(Line("  first create (identify terminal)", Percentiles.Of(outcomes.Select(o => o.FirstCreateMs).Where(double.IsFinite))));
    Console.WriteLine(Line("  repeat create (after serial)", Percentiles.Of(outcomes.Select(o => o.RepeatCreateMs).Where(double.IsFinite))));
    Console.WriteLine(Line("submit serial latency", Percentiles.Of(outcomes.Select(o => o.SubmitMs).Where(double.IsFinite))));
    Console.WriteLine(Line("full flow (create -> callback)", Percentiles.Of(outcomes.Select(o => o.FullFlowMs).Where(double.IsFinite))));
    Console.WriteLine(FormattableString.Invariant(
        $"{"throughput",-36}{completed / wall.TotalSeconds:F1} payments/s ({completed} completed in {wall.TotalSeconds:F2} s wall clock)"));
    var gcs = $"{GC.CollectionCount(0) - gcBefore.Gen0}/{GC.CollectionCount(1) - gcBefore.Gen1}/{GC.CollectionCount(2) - gcBefore.Gen2}";
    Console.WriteLine(FormattableString.Invariant(
        $"{"cpu (this process)",-36}{cpu.TotalSeconds:F1} s = {cpu / wall / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores; GCs gen0/1/2 {gcs}"));
    if (stack.Azurite.Owned)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{"cpu (Azurite, node)",-36}{azuriteCpu.TotalSeconds:F1} s = {azuriteCpu / wall:P0} of one core (node runs JavaScript on one thread)"));
    }

    Console.WriteLine($"{"memory",-36}peak working set {Mib(self.PeakWorkingSet64)} (this process: hosts, terminal, sink, driver), " +
        $"GC heap {Mib(GC.GetTotalMemory(forceFullCollection: false))}" +
        (stack.Azurite.Owned ? $"; Azurite (node) peak working set {Mib(stack.Azurite.PeakWorkingSet())}" : ""));
    Console.WriteLine($"{"callbacks",-36}{callbacks} received for {options.Payments} payments " +
        $"(approved {completed}, duplicated {duplicated}, unexpected {stack.Callbacks.Unexpected})");

    var passed = failures.Count == 0 && duplicated == 0 && callbacks == options.Payments;
    if (options.Compare > 0)
    {
        using var compareTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        await EndpointComparison.FirstCreateAsync(stack, options.Compare, options.Concurrency, compareTimeout.Token);
    }

    if (options.ComparePolls > 0)
    {
        using var compareTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
        await EndpointComparison.PollAsync(stack, options.ComparePolls, options.Concurrency, compareTimeout.Token);
    }

    if (passed)
    {
        Console.WriteLine("RESULT: PASS");
        return 0;
    }

    Console.WriteLine($"FAIL: {failures.Count} payment(s) not approved by a callback, {duplicated} with more than one callback, " +
        $"{callbacks} callbacks for {options.Payments} payments");
    foreach (var failure in failures.Take(5))
    {
        Console.WriteLine($"  {failure.PaymentId}: {failure.Error ?? "callback status " + failure.Status}");
    }

    return 1;
}
