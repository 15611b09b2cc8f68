using System.Globalization;

namespace PosConnector.Benchmarks;

/// <summary>Command-line options: <c>--name value</c> pairs, every one optional.</summary>
internal sealed record BenchmarkOptions(
    int Payments = 200,
    int Concurrency = 16,
    int Terminals = 16,
    int AnswerDelayMs = 50,
    int Warmup = 8,
    int TimeoutSeconds = 300,
    int Steps = 5,
    int Sparse = 20,
    int Compare = 6000,
    int ComparePolls = 6000,
    int Polls = 20,
    LogLevel ConnectorLogLevel = LogLevel.Error)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project PosConnector.Benchmarks -- [options]
          --payments N          payments measured (default 200)
          --concurrency N       payments in flight at once (default 16)
          --terminals N         simulated terminals; a payment waits for a free one (one live charge per terminal) (default 16)
          --answer-delay-ms N   virtual terminal delay before approving (default 50)
          --warmup N            unmeasured payments before the run (default 8)
          --timeout-seconds N   bound on the measured run (default 300)
          --steps N             sequential payments metered for storage requests per step, then 10 s idle (default 5; 0 skips)
          --sparse N            payments 1.5-4.5 s apart for terminal result -> callback latency (default 20; 0 skips)
          --compare N           first Create Payment requests, and as many to a bare insert endpoint, at --concurrency, measured
                                once the JIT is quiet (default 6000; 0 skips)
          --compare-polls N     repeated Create Payment requests (the wait app's poll), and as many to a bare point-read
                                endpoint, at --concurrency, measured once the JIT is quiet (default 6000; 0 skips)
          --polls N             repeated Create Payment calls per metered payment while it waits for the terminal, as the
                                wait app polls (default 20); the throughput run polls every 2-5 s until the callback
          --log-level L         the connector's log level (default Error; Information is production's), its JSON lines
                                on stderr: 2>connector.log keeps them out of this report
        Set AZURITE_CONNECTION_STRING to use a running Azurite instead of starting one, and
        POSCONNECTOR_BENCH_TRACE=1 to print each connector storage request of the steps run to stderr.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (name == "--log-level")
            {
                options = i + 1 < args.Count && Enum.TryParse<LogLevel>(args[i + 1], ignoreCase: true, out var level) && Enum.IsDefined(level)
                    ? options with { ConnectorLogLevel = level }
                    : throw new ArgumentException($"{name} needs one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
                continue;
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"{name} needs a non-negative whole number.");
            }

            options = name switch
            {
                "--payments" => options with { Payments = AtLeast(name, value, 1) },
                "--concurrency" => options with { Concurrency = AtLeast(name, value, 1) },
                "--terminals" => options with { Terminals = AtLeast(name, value, 1) },
                "--answer-delay-ms" => options with { AnswerDelayMs = value },
                "--warmup" => options with { Warmup = value },
                "--timeout-seconds" => options with { TimeoutSeconds = AtLeast(name, value, 1) },
                "--steps" => options with { Steps = value },
                "--sparse" => options with { Sparse = value },
                "--compare" => options with { Compare = value },
                "--compare-polls" => options with { ComparePolls = value },
                "--polls" => options with { Polls = value },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int AtLeast(string name, int value, int minimum) =>
        value >= minimum ? value : throw new ArgumentException($"{name} must be at least {minimum}.");
}
