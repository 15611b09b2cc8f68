using PosConnector.TestSupport;
using Xunit;

// Nearly every test of this host uses storage: one Azurite for the whole assembly.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
