using PosConnector.Core.Handlers;
using PosConnector.Core.Http;
using PosConnector.Core.Storage;

namespace PosConnector.Standalone.Apis;

/// <summary>Operator routes behind X-Admin-Key.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // The page itself carries no data and so no key: a browser cannot send a header when it opens a page.
        app.MapGet("/" + OperatorConsole.Route, ConsolePage).WithTags("Admin")
            .Describe("OperatorConsole", "Operator console", "The operator console (HTML): asks for the admin key and calls the admin routes with it.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        var api = app.MapGroup("/api/admin").WithTags("Admin").AddEndpointFilter(RequireAdminKeyAsync)
            .RequiresCredentials(ApiCredential.AdminKey);
        api.MapPut("/terminals/{serialNumber}", (HttpRequest r, string serialNumber, AdminEndpoints e, CancellationToken ct) =>
            e.UpsertTerminalAsync(r, serialNumber, ct).ToResult())
            .Describe("UpsertTerminal", "Register a terminal", "Register or update a terminal and its signing secret (the secret is never returned).")
            .AcceptsJson<TerminalRegistration>().Returns<TerminalView>().Fails(400, 401, 413);
        api.MapGet("/terminals/{serialNumber}", (string serialNumber, AdminEndpoints e, CancellationToken ct) =>
            e.GetTerminalAsync(serialNumber, ct).ToResult())
            .Describe("GetTerminal", "Get a terminal", "One registered terminal, with a fingerprint of its secret.")
            .Returns<TerminalView>().Fails(401, 404);
        api.MapGet("/terminals", (AdminEndpoints e, CancellationToken ct) => e.ListTerminalsAsync(ct).ToResult())
            .Describe("ListTerminals", "List terminals", "Every registered terminal.")
            .Returns<TerminalList>().Fails(401);
        api.MapGet("/payments/{paymentId}", (string paymentId, AdminEndpoints e, CancellationToken ct) =>
            e.GetPaymentAsync(paymentId, ct).ToResult())
            .Describe("GetPayment", "Get a payment", "One payment: PPP status, phase, callback status, full state and audit trail.")
            .Returns<PaymentView>().Fails(401, 404);
        api.MapGet("/payments", (HttpRequest r, AdminEndpoints e, CancellationToken ct) => e.SearchPaymentsAsync(r, ct).ToResult())
            .Describe("SearchPayments", "Find payments", "A page of payments, newest first, from the search index. Query: paymentId (the payment itself, "
                + "always current), or from and to (creation days yyyy-MM-dd, UTC, inclusive; default today; at most 92 days) with any of orderId, "
                + "serialNumber and status (undefined, approved, denied); limit (1-200, default 50); next (the previous page's next).")
            .Returns<PaymentSearchPage>().Fails(400, 401);
        api.MapGet("/attention", (HttpRequest r, AdminEndpoints e, CancellationToken ct) => e.ListAttentionAsync(r, ct).ToResult())
            .Describe("ListAttention", "Payments needing attention", "Payments needing an operator: abandoned or late callbacks, past their deadline, voids and refunds without a terminal result. "
                + "olderThanSeconds (default 300) is how long a condition must last to be listed; abandoned callbacks are always listed.")
            .Returns<AttentionView>().Fails(400, 401);
        return api;
    }

    private static IResult ConsolePage(HttpContext context)
    {
        foreach (var (name, value) in OperatorConsole.Headers)
        {
            context.Response.Headers[name] = value;
        }

        return Results.Content(OperatorConsole.Html, OperatorConsole.ContentType);
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AdminEndpoints>().IsAdmin(context.HttpContext.Request)
            ? await next(context)
            : AdminEndpoints.Unauthorized.ToResult();
}
