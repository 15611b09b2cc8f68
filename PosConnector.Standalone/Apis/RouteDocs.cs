using PosConnector.Domain.Ppp;

namespace PosConnector.Standalone.Apis;

/// <summary>Route metadata for the OpenAPI document: bodies are read and written by hand, so types are declared here.</summary>
public static class RouteDocs
{
    private const string Json = "application/json";

    /// <summary>Name (operationId), a short title for the page's menu, and what the route does.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, string name, string summary, string description) =>
        route.WithName(name).WithSummary(summary).WithDescription(description);

    public static RouteHandlerBuilder AcceptsJson<TRequest>(this RouteHandlerBuilder route)
        where TRequest : notnull => route.Accepts<TRequest>(Json);

    public static RouteHandlerBuilder Returns<TResponse>(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses.DefaultIfEmpty(StatusCodes.Status200OK))
        {
            route.Produces<TResponse>(status, Json);
        }

        return route;
    }

    /// <summary>Answers in the PPP error shape <c>{"status":"error","code":"...","message":"..."}</c>.</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder route, params int[] statuses) => route.Returns<PppError>(statuses);

    public static TBuilder RequiresCredentials<TBuilder>(this TBuilder builder, params ApiCredential[] credentials)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiCredentialSet(credentials));
}
