using PosConnector.Standalone.Extensions;

var app = PosConnectorHost.Build(args);
await app.RunAsync();
