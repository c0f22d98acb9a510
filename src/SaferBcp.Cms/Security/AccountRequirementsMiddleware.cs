using Microsoft.AspNetCore.Http;

namespace SaferBcp.Cms.Security;

/// <summary>
/// Every staff account, whatever its roles, must have chosen its own password and set up two-factor authentication
/// before it can use anything: until then a signed-in account is sent to the page that does it, and can reach only
/// the account pages (where those pages and sign-out are), the error pages and the health probes. Static files are
/// served earlier in the pipeline and never get here.
/// </summary>
public sealed class AccountRequirementsMiddleware
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string TwoFactorSetupPath = "/account/two-factor";

    private static readonly PathString[] AlwaysReachable = ["/account", "/error", "/status", "/health"];

    private readonly RequestDelegate _next;

    public AccountRequirementsMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || AlwaysReachable.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            return _next(context);
        }

        if (user.HasClaim(PortalClaimsFactory.MustChangePasswordClaim, "true"))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        if (!user.HasClaim(PortalClaimsFactory.TwoFactorEnabledClaim, "true"))
        {
            context.Response.Redirect(TwoFactorSetupPath + "?required=true");
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
