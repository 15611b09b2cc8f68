using PosConnector.ConformanceKit;
using PosConnector.ConformanceKit.Reports;

if (args is ["--help"] or ["-h"] or [])
{
    Console.WriteLine(KitArguments.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args is ["--list"])
{
    foreach (var check in CheckCatalog.All)
    {
        Console.WriteLine($"{check.Name,-28} {check.Description}\n{"",-28} enforces: {check.Source}");
    }

    return 0;
}

KitOptions options;
try
{
    options = KitArguments.Parse(args, Environment.GetEnvironmentVariable);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(KitArguments.Usage);
    return 2;
}

// One client for one short run (no factory needed: nothing outlives the run). Its timeout sits well past the time
// limit, so a slow answer is measured and reported rather than cut short.
using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
{
    Timeout = options.TimeLimit + TimeSpan.FromSeconds(30),
};
var progress = new Progress(Console.Error, !Console.IsErrorRedirected, TimeProvider.System);

RunReport report;
try
{
    report = await new ConformanceRunner(http, TimeProvider.System, progress).RunAsync(options);
}
catch (KitSetupException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine(TableReport.Render(report));
if (options.JsonPath is not null)
{
    await File.WriteAllTextAsync(options.JsonPath, JsonReport.Render(report));
}

if (options.JUnitPath is not null)
{
    await File.WriteAllTextAsync(options.JUnitPath, JUnitReport.Render(report));
}

return report.ExitCode;
