using Newtonsoft.Json.Linq;
using Xunit;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>Compiles <c>infra/main.bicep</c> once per test class into a temporary directory.</summary>
public sealed class BicepTemplateFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _outputDirectory = Directory.CreateTempSubdirectory("posconnector-bicep-");

    /// <summary>The <c>bicep build</c> run.</summary>
    public BicepRun Build { get; private set; } = new(-1, "", "not run");

    /// <summary>The compiled ARM template (empty when the build failed).</summary>
    public JObject Template { get; private set; } = [];

    public IEnumerable<ArmResource> Resources => ArmResource.EnumerateAll(Template);

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var outputFile = Path.Combine(_outputDirectory.FullName, "main.json");
        Build = await BicepCli.RunAsync(["build", BicepCli.MainTemplatePath, "--outfile", outputFile], null, cancellationToken);
        if (Build.ExitCode == 0)
        {
            Template = JObject.Parse(await File.ReadAllTextAsync(outputFile, cancellationToken));
        }
    }

    public ValueTask DisposeAsync()
    {
        _outputDirectory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
