using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PosConnector.Core.Options;
using PosConnector.Core.Storage;
using PosConnector.Core.Terminals;
using PosConnector.Functions.Messaging;
using PosConnector.Functions.Orchestration;
using Xunit;

namespace PosConnector.Functions.Tests.Infra;

/// <summary>
/// Compiles and lints infra/ with the NuGet-packaged Bicep CLI and checks the security properties of the
/// compiled ARM template. Nothing is deployed and nothing touches the network.
/// </summary>
[Trait("Category", "Infra")]
public sealed partial class BicepTemplateTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    private const string KeyVaultReferencePrefix = "[format('@Microsoft.KeyVault(SecretUri={0})'";

    /// <summary>The merchant's credential settings are named by its VTEX account (a template parameter).</summary>
    private static string MerchantSetting(string part) =>
        $"[format('Vtex__Merchants__{{0}}__Credentials__0__{part}', parameters('vtexAccountName'))]";

    private static readonly string[] ExpectedAppSettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "TASKHUB_NAME",
        "Storage__TableServiceUri",
        "Storage__QueueServiceUri",
        "Terminals__Transport",
        "ServiceBus__FullyQualifiedNamespace",
        "ServiceBus__TerminalCommandsQueue",
        MerchantSetting("AppKey"),
        MerchantSetting("AppToken"),
        "Vtex__CallbackAppKey",
        "Vtex__CallbackAppToken",
        "Connector__PublicBaseUrl",
        "Connector__SubmitTokenSecret",
        "Connector__AdminKey",
        "Terminals__SecretEncryptionKey",
        "Payments__SecondsWaiting",
        "Payments__TerminalTimeoutSeconds",
        "Payments__DelayToCancelSeconds",
        "Payments__DelayToAutoSettleSeconds",
        "Payments__DelayToAutoSettleAfterAntifraudSeconds",
    ];

    // ---- CLI: build, lint, parameter files ----

    [Fact]
    public void Build_MainTemplate_CompilesWithoutDiagnostics()
    {
        Assert.Equal(0, fixture.Build.ExitCode);
        Assert.Empty(fixture.Build.Diagnostics);
        Assert.Equal("2.0", (string?)fixture.Template["languageVersion"]);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNoWarningsOrErrors()
    {
        var run = await BicepCli.RunAsync(["lint", BicepCli.MainTemplatePath], null, TestContext.Current.CancellationToken);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("sandbox")]
    [InlineData("production")]
    public async Task Lint_ParameterFile_ReportsNoWarningsOrErrors(string environment)
    {
        var run = await BicepCli.RunAsync(
            ["lint", BicepCli.ParameterFilePath(environment)],
            BicepCli.SecretEnvironmentWithout(),
            TestContext.Current.CancellationToken);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("sandbox")]
    [InlineData("production")]
    public async Task BuildParams_SecretsInEnvironment_CompilesWithThoseSecrets(string environment)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var outputDirectory = Directory.CreateTempSubdirectory("posconnector-bicepparam-");
        try
        {
            var outputFile = Path.Combine(outputDirectory.FullName, environment + ".parameters.json");

            var run = await BicepCli.RunAsync(
                ["build-params", BicepCli.ParameterFilePath(environment), "--outfile", outputFile],
                BicepCli.SecretEnvironmentWithout(),
                cancellationToken);

            Assert.Equal(0, run.ExitCode);
            Assert.Empty(run.Diagnostics);
            var parameters = JObject.Parse(await File.ReadAllTextAsync(outputFile, cancellationToken))["parameters"]!;
            Assert.Equal($"posconnector-{environment}", (string?)parameters["environmentName"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["VTEX_ACCOUNT_NAME"], (string?)parameters["vtexAccountName"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["VTEX_MERCHANT_APP_TOKEN"], (string?)parameters["vtexMerchantAppToken"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["VTEX_CALLBACK_APP_TOKEN"], (string?)parameters["vtexCallbackAppToken"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["CONNECTOR_SUBMIT_TOKEN_SECRET"], (string?)parameters["submitTokenSecret"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["CONNECTOR_ADMIN_KEY"], (string?)parameters["adminKey"]?["value"]);
            Assert.Equal(BicepCli.SecretEnvironment["TERMINAL_SECRET_ENCRYPTION_KEY"], (string?)parameters["terminalSecretEncryptionKey"]?["value"]);
        }
        finally
        {
            outputDirectory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("VTEX_MERCHANT_APP_KEY")]
    [InlineData("VTEX_MERCHANT_APP_TOKEN")]
    [InlineData("VTEX_CALLBACK_APP_KEY")]
    [InlineData("VTEX_CALLBACK_APP_TOKEN")]
    [InlineData("CONNECTOR_SUBMIT_TOKEN_SECRET")]
    [InlineData("CONNECTOR_ADMIN_KEY")]
    public async Task BuildParams_SecretVariableMissing_FailsNamingIt(string variable)
    {
        var run = await BicepCli.RunAsync(
            ["build-params", BicepCli.ParameterFilePath("production"), "--stdout"],
            BicepCli.SecretEnvironmentWithout(variable),
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, run.ExitCode);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Contains("BCP427", diagnostic, StringComparison.Ordinal);
        Assert.Contains($"\"{variable}\"", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildParams_AdminKeyShorterThan32_Fails()
    {
        var environment = new Dictionary<string, string?>(BicepCli.SecretEnvironmentWithout())
        {
            ["CONNECTOR_ADMIN_KEY"] = "too-short",
        };

        var run = await BicepCli.RunAsync(
            ["build-params", BicepCli.ParameterFilePath("sandbox"), "--stdout"],
            environment,
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Diagnostics, line => line.Contains("BCP333", StringComparison.Ordinal));
    }

    // ---- main.bicep: azd conventions, parameters, outputs ----

    [Fact]
    public void MainTemplate_AzdConventions_ArePresent()
    {
        var template = fixture.Template;

        Assert.Equal("location", (string?)template["parameters"]?["location"]?["metadata"]?["azd"]?["type"]);
        Assert.Equal(
            "[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]",
            (string?)template["variables"]?["resourceToken"]);
        var resourceGroup = Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("[variables('tags')]", (string?)resourceGroup.Json["tags"]);
        Assert.Equal("[parameters('environmentName')]", (string?)template["variables"]?["tags"]?["azd-env-name"]);
        Assert.Contains("'azd-service-name'", (string?)Single("Microsoft.Web/sites").Json["tags"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vtexMerchantAppKey")]
    [InlineData("vtexMerchantAppToken")]
    [InlineData("vtexCallbackAppKey")]
    [InlineData("vtexCallbackAppToken")]
    [InlineData("submitTokenSecret")]
    [InlineData("adminKey")]
    [InlineData("terminalSecretEncryptionKey")]
    public void MainTemplate_SecretParameter_IsSecureWithoutDefault(string name)
    {
        var parameter = fixture.Template["parameters"]?[name];

        Assert.NotNull(parameter);
        Assert.Equal("securestring", (string?)parameter["type"], ignoreCase: true);
        Assert.Null(parameter["defaultValue"]);
    }

    [Fact]
    public void MainTemplate_PaymentTiming_KeepsDelayToCancelAtLeast600AndAtLeastSecondsWaiting()
    {
        var parameters = fixture.Template["parameters"]!;

        Assert.Equal(180, (int?)parameters["secondsWaiting"]?["defaultValue"]);
        Assert.Equal(600, (int?)parameters["delayToCancelSeconds"]?["defaultValue"]);
        Assert.Equal(21600, (int?)parameters["delayToAutoSettleSeconds"]?["defaultValue"]);
        Assert.Equal(1800, (int?)parameters["delayToAutoSettleAfterAntifraudSeconds"]?["defaultValue"]);
        var delayToCancelMinimum = (int?)parameters["delayToCancelSeconds"]?["minValue"];
        Assert.Equal(600, delayToCancelMinimum);
        // Any allowed secondsWaiting is at most any allowed delayToCancel.
        Assert.True((int?)parameters["secondsWaiting"]?["maxValue"] <= delayToCancelMinimum);
    }

    [Theory]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("AZURE_FUNCTION_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("VTEX_SERVICE_URL")]
    public void Outputs_AzdAndVtexValues_AreDeclared(string name)
    {
        var output = fixture.Template["outputs"]?[name];

        Assert.NotNull(output);
        Assert.Equal("string", (string?)output["type"]);
        Assert.Matches("^[A-Z][A-Z0-9_]*$", name);
    }

    [Fact]
    public void Outputs_VtexServiceUrl_IsTheAppUriWithApiPath()
    {
        Assert.Equal(
            "[format('{0}/api', reference('api').outputs.uri.value)]",
            (string?)fixture.Template["outputs"]?["VTEX_SERVICE_URL"]?["value"]);
        Assert.Equal(
            "[format('https://{0}', reference('site').defaultHostName)]",
            (string?)Single("Microsoft.Web/sites").Template.SelectToken("outputs.uri.value"));
    }

    [Fact]
    public void Outputs_EveryTemplate_NeverExposeSecureParametersOrListFunctions()
    {
        var checkedOutputs = 0;
        foreach (var template in ArmResource.EnumerateTemplates(fixture.Template))
        {
            var secureParameters = ((JObject?)template["parameters"])?.Properties()
                .Where(parameter => ((string?)parameter.Value["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
                .Select(parameter => parameter.Name)
                .ToList() ?? [];

            foreach (var output in ((JObject?)template["outputs"])?.Properties() ?? [])
            {
                checkedOutputs++;
                var type = (string?)output.Value["type"] ?? "";
                var value = output.Value["value"]?.ToString(Formatting.None) ?? "";
                Assert.False(type.StartsWith("secure", StringComparison.OrdinalIgnoreCase), $"Output '{output.Name}' is {type}.");
                Assert.DoesNotMatch(ListFunction(), value);
                foreach (var secure in secureParameters)
                {
                    Assert.DoesNotContain($"parameters('{secure}')", value, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(checkedOutputs > 20, $"Only {checkedOutputs} outputs found; is the template complete?");
    }

    // ---- Function app ----

    [Fact]
    public void FunctionApp_Site_EnforcesHttpsTls12AndNoFtpOrBasicPublishing()
    {
        var site = Single("Microsoft.Web/sites");

        Assert.True((bool?)site.Properties["httpsOnly"]);
        Assert.Equal("1.2", (string?)site.Properties["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)site.Properties["siteConfig"]?["ftpsState"]);
        var basicPublishing = Declared("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, basicPublishing.Count);
        Assert.All(basicPublishing, policy => Assert.False((bool?)policy.Properties["allow"]));
    }

    [Fact]
    public void FunctionApp_Site_RunsDotnetIsolated10OnFlexConsumption()
    {
        var plan = Single("Microsoft.Web/serverfarms");
        var site = Single("Microsoft.Web/sites");
        var config = site.Properties["functionAppConfig"];

        Assert.Equal("FC1", (string?)plan.Json["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Json["sku"]?["tier"]);
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("blobContainer", (string?)config?["deployment"]?["storage"]?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
    }

    [Fact]
    public void FunctionApp_Site_RunsAsUserAssignedIdentityAlsoForKeyVaultReferences()
    {
        var site = Single("Microsoft.Web/sites");
        var identity = site.Json["identity"];

        Assert.Equal("UserAssigned", (string?)identity?["type"]);
        var assigned = Assert.Single(((JObject?)identity?["userAssignedIdentities"])?.Properties() ?? []);
        Assert.Contains("parameters('identityId')", assigned.Name, StringComparison.Ordinal);
        Assert.Equal("[parameters('identityId')]", (string?)site.Properties["keyVaultReferenceIdentity"]);
        Assert.Equal("[parameters('identityId')]", (string?)site.Properties.SelectToken("functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"));
    }

    [Fact]
    public void AppSettings_Names_AreExactlyTheOnesTheAppReads()
    {
        var names = AppSettings().Properties().Select(setting => setting.Name).Order(StringComparer.Ordinal);

        Assert.Equal(ExpectedAppSettings.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("[format('Vtex__Merchants__{0}__Credentials__0__AppKey', parameters('vtexAccountName'))]", "vtexMerchantAppKey")]
    [InlineData("[format('Vtex__Merchants__{0}__Credentials__0__AppToken', parameters('vtexAccountName'))]", "vtexMerchantAppToken")]
    [InlineData("Vtex__CallbackAppKey", "vtexCallbackAppKey")]
    [InlineData("Vtex__CallbackAppToken", "vtexCallbackAppToken")]
    [InlineData("Connector__SubmitTokenSecret", "submitTokenSecret")]
    [InlineData("Connector__AdminKey", "adminKey")]
    [InlineData("Terminals__SecretEncryptionKey", "terminalSecretEncryptionKey")]
    public void AppSettings_SecretSetting_IsKeyVaultReference(string setting, string secretUri)
    {
        var value = (string?)AppSettings()[setting];

        Assert.Equal($"{KeyVaultReferencePrefix}, parameters('secretUris').{secretUri})]", value);
    }

    [Fact]
    public void AppSettings_Values_AreIdentityBasedWithoutKeysOrConnectionStrings()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)settings["AZURE_CLIENT_ID"]);
        Assert.Equal("[format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))]", (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[format('https://{0}.table.{1}', parameters('storageAccountName'), environment().suffixes.storage)]", (string?)settings["Storage__TableServiceUri"]);
        Assert.Equal("terminal-commands", (string?)fixture.Template["variables"]?["terminalCommandsQueueName"]);
        foreach (var setting in settings.Properties())
        {
            var value = setting.Value.ToString(Formatting.None);
            Assert.DoesNotMatch(ListFunction(), value);
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void AppSettings_TerminalsTransport_IsServiceBus()
    {
        var value = (string?)AppSettings()["Terminals__Transport"];

        Assert.Equal(nameof(TerminalTransport.ServiceBus), value);
        Assert.True(Enum.TryParse<TerminalTransport>(value, out _));
    }

    [Fact]
    public void FunctionApp_Scale_AllowsAtLeast40InstancesAndKeepsOneHttpAndOneDurableInstanceReady()
    {
        var site = Single("Microsoft.Web/sites");
        var scale = site.Properties.SelectToken("functionAppConfig.scaleAndConcurrency");
        var parameters = fixture.Template["parameters"]!;
        var alwaysReady = (string?)site.Template["variables"]?["alwaysReady"];

        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale?["maximumInstanceCount"]);
        Assert.Equal(40, (int?)parameters["maximumInstanceCount"]?["minValue"]);
        Assert.True((int?)parameters["maximumInstanceCount"]?["defaultValue"] >= 40);
        Assert.Equal("[variables('alwaysReady')]", (string?)scale?["alwaysReady"]);
        // The per-function scaling groups' names are fixed by the platform: 'http' and 'durable'.
        Assert.Contains(
            "createArray(createObject('name', 'http', 'instanceCount', parameters('httpAlwaysReadyInstanceCount')))",
            alwaysReady, StringComparison.Ordinal);
        Assert.Contains(
            "createArray(createObject('name', 'durable', 'instanceCount', parameters('durableAlwaysReadyInstanceCount')))",
            alwaysReady, StringComparison.Ordinal);
        Assert.Equal(1, (int?)parameters["httpAlwaysReadyInstanceCount"]?["defaultValue"]);
        Assert.Equal(1, (int?)parameters["durableAlwaysReadyInstanceCount"]?["defaultValue"]);
        var apiModule = fixture.Template.SelectToken("resources.api.properties.parameters");
        Assert.Equal("[parameters('httpAlwaysReadyInstanceCount')]", (string?)apiModule?["httpAlwaysReadyInstanceCount"]?["value"]);
    }

    [Fact]
    public void MainParameters_PrincipalType_ComesFromTheAzdEnvironmentWithUserAsDefault()
    {
        var parameters = JObject.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")))["parameters"]!;

        Assert.Equal("${AZURE_PRINCIPAL_TYPE=User}", (string?)parameters["principalType"]?["value"]);
        Assert.Equal(["User", "ServicePrincipal", "Group"], fixture.Template["parameters"]?["principalType"]?["allowedValues"]?.Values<string>() ?? []);
    }

    // ---- Data services ----

    [Fact]
    public void Storage_ConnectorTablesAndQueues_AreExactlyTheOnesTheFunctionsHostUses()
    {
        var storage = new StorageClients(Options.Create(new StorageOptions()));
        var variables = fixture.Template["variables"]!;

        Assert.Equal([storage.Payments.Name, storage.Terminals.Name, storage.PaymentIndex.Name], variables["connectorTableNames"]?.Values<string>() ?? []);
        Assert.Equal(
            new[] { QueueNames.Outbox, MaintenanceFunctions.PoisonedOutbox, QueueNames.Wakeups, MaintenanceFunctions.PoisonedWakeups }.Order(StringComparer.Ordinal),
            (variables["connectorQueueNames"]?.Values<string>() ?? []).Order(StringComparer.Ordinal));
        Assert.Equal(QueueNames.Outbox, storage.Outbox.Name);
        var queues = Single("Microsoft.Storage/storageAccounts/queueServices/queues");
        var tables = Single("Microsoft.Storage/storageAccounts/tableServices/tables");
        Assert.Equal("[length(parameters('queueNames'))]", (string?)queues.Json["copy"]?["count"]);
        Assert.Equal("[length(parameters('tableNames'))]", (string?)tables.Json["copy"]?["count"]);
        var storageModule = fixture.Template.SelectToken("resources.storage.properties.parameters");
        Assert.Equal("[variables('connectorQueueNames')]", (string?)storageModule?["queueNames"]?["value"]);
        Assert.Equal("[variables('connectorTableNames')]", (string?)storageModule?["tableNames"]?["value"]);
    }


    [Fact]
    public void StorageAccount_Properties_DenySharedKeyAndPublicBlobAccess()
    {
        var storage = Single("Microsoft.Storage/storageAccounts");

        Assert.False((bool?)storage.Properties["allowSharedKeyAccess"]);
        Assert.False((bool?)storage.Properties["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)storage.Properties["minimumTlsVersion"]);
        Assert.True((bool?)storage.Properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("None", (string?)Single("Microsoft.Storage/storageAccounts/blobServices/containers").Properties["publicAccess"]);
        Assert.Single(Declared("Microsoft.Storage/storageAccounts/queueServices"));
        Assert.Single(Declared("Microsoft.Storage/storageAccounts/tableServices"));
    }

    [Fact]
    public void ServiceBus_Namespace_IsStandardWithLocalAuthDisabled()
    {
        var serviceBus = Single("Microsoft.ServiceBus/namespaces");

        Assert.True((bool?)serviceBus.Properties["disableLocalAuth"]);
        Assert.Equal("1.2", (string?)serviceBus.Properties["minimumTlsVersion"]);
        Assert.Equal("Standard", (string?)serviceBus.Template.SelectToken("parameters.skuName.defaultValue"));
        Assert.DoesNotContain("Basic", serviceBus.Template.SelectToken("parameters.skuName.allowedValues")?.Values<string>() ?? []);
    }

    [Fact]
    public void ServiceBus_TerminalCommandsQueue_RequiresSessionsAndDuplicateDetection()
    {
        var queue = Single("Microsoft.ServiceBus/namespaces/queues");

        Assert.True((bool?)queue.Properties["requiresSession"]);
        Assert.True((bool?)queue.Properties["requiresDuplicateDetection"]);
        Assert.Equal("PT10M", (string?)queue.Properties["duplicateDetectionHistoryTimeWindow"]);
    }

    [Fact]
    public void KeyVault_Vault_UsesRbacSoftDeleteAndPurgeProtection()
    {
        var vault = Single("Microsoft.KeyVault/vaults");

        Assert.True((bool?)vault.Properties["enableRbacAuthorization"]);
        Assert.True((bool?)vault.Properties["enableSoftDelete"]);
        Assert.True((bool?)vault.Properties["enablePurgeProtection"]);
        Assert.Equal("[parameters('publicNetworkAccess')]", (string?)vault.Properties["publicNetworkAccess"]);
        Assert.Equal(7, Declared("Microsoft.KeyVault/vaults/secrets").Count());
    }

    [Fact]
    public void ApplicationInsights_Component_DisablesLocalAuth()
    {
        var component = Single("Microsoft.Insights/components");

        Assert.True((bool?)component.Properties["DisableLocalAuth"]);
        Assert.NotNull(component.Properties["WorkspaceResourceId"]);
    }

    // ---- RBAC ----

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher")]
    public void RoleAssignments_AppIdentity_HoldsRole(string roleDefinitionId, string roleName)
    {
        var grants = RoleAssignments()
            .Where(assignment => !assignment.IsConditional && RoleDefinitionOf(assignment).Contains(roleDefinitionId, StringComparison.Ordinal))
            .ToList();

        Assert.True(grants.Count == 1, $"Expected one unconditional '{roleName}' assignment, found {grants.Count}.");
        var grant = grants[0];
        Assert.Equal("[parameters('identityPrincipalId')]", (string?)grant.Properties["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)grant.Properties["principalType"]);
        // guid(scope.id, principalId, roleDefinitionId)
        Assert.Matches(
            $@"^\[guid\(resourceId\('[^']+', .+\), parameters\('identityPrincipalId'\), '{roleDefinitionId}'\)\]$",
            grant.ResolveVariables((string?)grant.Json["name"] ?? ""));
    }

    [Theory]
    [InlineData("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")] // Owner
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c")] // Contributor
    [InlineData("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")] // User Access Administrator
    [InlineData("17d1049b-9a84-46fb-8f53-869881c3d3ab")] // Storage Account Contributor
    [InlineData("090c5cfd-751d-490a-894a-3ce6f1109419")] // Azure Service Bus Data Owner
    [InlineData("00482a5a-887f-4fb3-b363-3b7fe8e74483")] // Key Vault Administrator
    [InlineData("b86a8fe4-44ce-4948-aee5-eccb2c155cd7")] // Key Vault Secrets Officer
    public void RoleAssignments_AnyPrincipal_NeverGetsBroadRole(string roleDefinitionId)
    {
        var assignments = RoleAssignments().ToList();

        Assert.NotEmpty(assignments);
        Assert.DoesNotContain(assignments, assignment => RoleDefinitionOf(assignment).Contains(roleDefinitionId, StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignments_AppIdentity_NeverReceivesFromServiceBus()
    {
        const string serviceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";

        var appAssignments = RoleAssignments()
            .Where(assignment => (string?)assignment.Properties["principalId"] == "[parameters('identityPrincipalId')]")
            .ToList();

        Assert.Equal(6, appAssignments.Count);
        Assert.DoesNotContain(appAssignments, assignment => RoleDefinitionOf(assignment).Contains(serviceBusDataReceiver, StringComparison.Ordinal));
    }

    [Fact]
    public void RoleAssignments_Deployer_AreGrantedOnlyWhenPrincipalIdIsSet()
    {
        var deployerAssignments = RoleAssignments()
            .Where(assignment => (string?)assignment.Properties["principalId"] == "[parameters('principalId')]")
            .ToList();

        Assert.NotEmpty(deployerAssignments);
        Assert.All(deployerAssignments, assignment => Assert.Equal("[variables('grantDeployer')]", (string?)assignment.Json["condition"]));
        Assert.Equal("[not(empty(parameters('principalId')))]", (string?)deployerAssignments[0].Template["variables"]?["grantDeployer"]);
    }

    [Fact]
    public void RoleAssignments_TerminalBridge_ReceivesOnTheCommandQueueOnlyWhenSet()
    {
        const string serviceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";

        var grant = Assert.Single(RoleAssignments(),
            assignment => (string?)assignment.Properties["principalId"] == "[parameters('terminalBridgePrincipalId')]");

        Assert.Contains(serviceBusDataReceiver, RoleDefinitionOf(grant), StringComparison.Ordinal);
        Assert.Equal("[variables('grantTerminalBridge')]", (string?)grant.Json["condition"]);
        Assert.Equal("[not(empty(parameters('terminalBridgePrincipalId')))]", (string?)grant.Template["variables"]?["grantTerminalBridge"]);
        Assert.Equal("[parameters('terminalBridgePrincipalType')]", (string?)grant.Properties["principalType"]);
        Assert.Contains("Microsoft.ServiceBus/namespaces/queues", (string?)grant.Json["scope"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)fixture.Template["parameters"]?["terminalBridgePrincipalType"]?["defaultValue"]);
        Assert.Equal("", (string?)fixture.Template["parameters"]?["terminalBridgePrincipalId"]?["defaultValue"]);
    }

    // ---- helpers ----

    private IEnumerable<ArmResource> Declared(string type) =>
        fixture.Resources.Where(resource => !resource.IsExisting && string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    private ArmResource Single(string type)
    {
        var matches = Declared(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one '{type}' resource, found {matches.Count}.");
        return matches[0];
    }

    private IEnumerable<ArmResource> RoleAssignments() => Declared("Microsoft.Authorization/roleAssignments");

    private JObject AppSettings()
    {
        var config = Declared("Microsoft.Web/sites/config")
            .Where(resource => ((string?)resource.Json["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(config.Count == 1, $"Expected one appsettings resource, found {config.Count}.");
        return Assert.IsType<JObject>(config[0].Properties);
    }

    private static string RoleDefinitionOf(ArmResource assignment) =>
        assignment.ResolveVariables((string?)assignment.Properties["roleDefinitionId"] ?? "");

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();
}
