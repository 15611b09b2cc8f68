using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PosConnector.Functions.Hosting;

// The Azure Functions host (isolated worker) of the same Core the standalone host runs.
// ASP.NET Core integration lets the HTTP triggers hand Core's endpoints a real HttpRequest.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddPosConnectorFunctions(builder.Configuration);
await builder.Build().RunAsync();
