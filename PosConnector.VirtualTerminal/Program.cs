using PosConnector.VirtualTerminal;

await VirtualTerminalHost.Build(args).RunAsync();
