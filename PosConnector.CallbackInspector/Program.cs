using PosConnector.CallbackInspector;

await CallbackInspectorHost.Build(args).RunAsync();
