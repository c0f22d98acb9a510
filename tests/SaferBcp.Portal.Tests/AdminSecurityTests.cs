using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests;

/// <summary>Every back-office route is found from the app's own endpoint table, never a hand-picked list.</summary>
public sealed class AdminSecurityTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public AdminSecurityTests(PortalFactory portal) => _portal = portal;

    /// <param name="CalledByScript">A route a page's script calls: signed out, it answers 401 with a message instead of redirecting.</param>
    public sealed record AdminRoute(string Method, string Url, IReadOnlyList<string> Policies, bool CalledByScript = false);

    private List<AdminRoute> AdminRoutes()
    {
        _ = _portal.Server;
        var routes = new List<AdminRoute>();
        foreach (var endpoint in _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.TrimStart('/').StartsWith("admin", StringComparison.Ordinal))
            {
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").ToList();
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                routes.Add(new AdminRoute(method, Fill(endpoint.RoutePattern), policies, endpoint.Metadata.GetMetadata<CalledByScriptAttribute>() is not null));
            }
        }

        return routes;
    }

    private static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : "x",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    [Fact]
    public void The_back_office_has_routes_and_every_one_demands_a_permission()
    {
        var routes = AdminRoutes();
        Assert.True(routes.Count > 30, $"only {routes.Count} admin routes found");
        Assert.All(routes, r => Assert.Contains(r.Policies, p => p.Length > 0));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_route()
    {
        using var client = _portal.Browser();
        foreach (var route in AdminRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url) { Content = route.Method == "POST" ? new FormUrlEncodedContent([]) : null };
            using var response = await client.SendAsync(request);
            if (route.CalledByScript)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Method} {route.Url} gave {(int)response.StatusCode}");
                Assert.Equal(CalledByScriptAttribute.SessionEndedMessage, await response.Content.ReadAsStringAsync());
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route.Method} {route.Url} gave {(int)response.StatusCode}");
            Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staff_without_the_permission_are_refused_on_every_admin_route()
    {
        await _portal.CreateStaffAsync("analyst-perm-test", PortalRoles.Analyst);
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, "analyst-perm-test", PortalFactory.StaffPassword);
        var token = PortalFactory.AntiforgeryToken(await client.GetStringAsync("/admin"));

        var checkedRoutes = 0;
        // Routes meant for analysts (the partnership dataset, survey responses) are left out: Analysts hold those permissions.
        string[] analystPermissions =
        [
            SaferBcp.Dataset.Permissions.ViewDataset, SaferBcp.Dataset.Permissions.ManageDataset, SaferBcp.Dataset.Permissions.ExportDataset,
            SaferBcp.Surveys.Permissions.ViewSurveyResponses, SaferBcp.Surveys.Permissions.ExportSurveyResponses,
            SaferBcp.Reach.Permissions.ViewReach,
        ];
        foreach (var route in AdminRoutes().Where(r => r.Policies.Any(p => p != CmsPermissions.AccessAdmin) && !r.Policies.Any(analystPermissions.Contains)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url)
            {
                Content = route.Method == "POST" ? new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) : null,
            };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/access-denied", StringComparison.Ordinal),
                $"{route.Method} {route.Url} gave {(int)response.StatusCode} {response.Headers.Location}");
            checkedRoutes++;
        }

        Assert.True(checkedRoutes > 25);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused_on_every_admin_route()
    {
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        foreach (var route in AdminRoutes().Where(r => r.Method == "POST"))
        {
            using var response = await client.PostAsync(route.Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["submit"] = "save" }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {route.Url} gave {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_failed_sign_in_is_refused_with_a_message_and_recorded_in_the_audit_log()
    {
        using var client = _portal.Browser();
        using var response = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = PortalFactory.AdminUser,
            ["Password"] = "wrong password",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(SaferBcp.Cms.Controllers.AccountController.SignInFailedMessage, html, StringComparison.Ordinal);

        using var admin = _portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        var audit = await admin.GetStringAsync("/admin/audit?activity=account.signin-failed");
        Assert.True(audit.Contains("Wrong password", StringComparison.Ordinal), audit[audit.IndexOf("<main", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData(PortalRoles.ReferralOfficer)]
    [InlineData(PortalRoles.Administrator)]
    [InlineData(PortalRoles.Editor)]
    [InlineData(PortalRoles.Analyst)]
    public async Task Every_role_must_set_up_two_factor_before_using_anything_but_the_set_up_page(string role)
    {
        var userName = "no-2fa-" + role.ToLowerInvariant();
        await _portal.CreateStaffWithoutTwoFactorAsync(userName, role);
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, userName, PortalFactory.StaffPassword);

        foreach (var path in new[] { "/admin", "/admin/users", "/admin/content", "/admin/audit", "/admin/referrals", "/" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} gave {(int)response.StatusCode}");
            Assert.Equal("/account/two-factor?required=true", response.Headers.Location!.ToString());
        }

        using var post = await client.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "sneaky" }));
        Assert.Equal("/account/two-factor?required=true", post.Headers.Location!.ToString());

        // The set-up page itself, and once it is done, the back office.
        var (_, codes) = await PortalFactory.SetUpTwoFactorAsync(client);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(codes, "<li><code>"));
        using var after = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_a_locked_account_get_the_same_message()
    {
        await _portal.CreateStaffAsync("same-message-locked", PortalRoles.Editor);
        await _portal.CreateStaffAsync("same-message-known", PortalRoles.Editor);
        using var client = _portal.Browser();
        async Task<string> TryAsync(string userName, string password)
        {
            using var response = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = password,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var main = html[html.IndexOf("<main", StringComparison.Ordinal)..].Replace(userName, "USER", StringComparison.Ordinal);
            return System.Text.RegularExpressions.Regex.Replace(main, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");
        }

        for (var i = 0; i < 6; i++)
        {
            await TryAsync("same-message-locked", "not-the-password-" + i);
        }

        var locked = await TryAsync("same-message-locked", PortalFactory.StaffPassword);
        var wrong = await TryAsync("same-message-known", "not-the-password");
        var unknown = await TryAsync("same-message-nobody", "not-the-password");

        Assert.Contains(SaferBcp.Cms.Controllers.AccountController.SignInFailedMessage, wrong, StringComparison.Ordinal);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, locked);
        Assert.DoesNotContain("This account is locked", locked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_two_factor_code_is_refused_and_the_right_one_signs_in()
    {
        await _portal.CreateStaffAsync("code-test", PortalRoles.Analyst);
        using var client = _portal.Browser();
        using var first = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = "code-test",
            ["Password"] = PortalFactory.StaffPassword,
        });
        Assert.StartsWith("/account/two-factor-sign-in", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var denied = await client.GetAsync("/admin");
        Assert.StartsWith("http://localhost/account/sign-in", denied.Headers.Location!.ToString(), StringComparison.Ordinal);

        var right = StaffAuthenticator.CodeNow(StaffAuthenticator.KeyFor("code-test"));
        var wrongCode = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        using var wrong = await PortalFactory.PostFormAsync(client, "/account/two-factor-sign-in", "/account/two-factor-sign-in", new Dictionary<string, string> { ["Code"] = wrongCode });
        Assert.Contains(SaferBcp.Cms.Controllers.AccountController.CodeFailedMessage, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var ok = await PortalFactory.PostFormAsync(client, "/account/two-factor-sign-in", "/account/two-factor-sign-in", new Dictionary<string, string> { ["Code"] = right });
        Assert.Equal("/admin", ok.Headers.Location!.OriginalString);
        using var allowed = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_new_account_must_choose_its_own_password_at_first_sign_in()
    {
        using var admin = _portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        using var created = await PortalFactory.PostFormAsync(admin, "/admin/users/new", "/admin/users/new", new Dictionary<string, string>
        {
            ["userName"] = "new-editor",
            ["email"] = "new-editor@example.org",
            ["roles"] = "Editor",
        });
        var html = await created.Content.ReadAsStringAsync();
        var oneTime = System.Text.RegularExpressions.Regex.Match(html, "<code>([^<]+)</code>").Groups[1].Value;
        Assert.Contains("User added", html, StringComparison.Ordinal);

        using var newcomer = _portal.Browser();
        await PortalFactory.SignInAsync(newcomer, "new-editor", System.Net.WebUtility.HtmlDecode(oneTime));
        using var blocked = await newcomer.GetAsync("/admin/content");
        Assert.Equal("/account/change-password", blocked.Headers.Location!.ToString());

        using var changed = await PortalFactory.PostFormAsync(newcomer, "/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = System.Net.WebUtility.HtmlDecode(oneTime),
            ["NewPassword"] = "Pier-Lantern-Harbour-42",
            ["ConfirmPassword"] = "Pier-Lantern-Harbour-42",
        });
        Assert.Equal("/account/two-factor?required=true", changed.Headers.Location!.OriginalString);
        using var stillBlocked = await newcomer.GetAsync("/admin/content");
        Assert.Equal("/account/two-factor?required=true", stillBlocked.Headers.Location!.ToString());

        await PortalFactory.SetUpTwoFactorAsync(newcomer);
        using var allowed = await newcomer.GetAsync("/admin/content");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_reason()
    {
        await _portal.CreateStaffAsync("weak-password-test", "Editor");
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, "weak-password-test", PortalFactory.StaffPassword);
        using var response = await PortalFactory.PostFormAsync(client, "/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = PortalFactory.StaffPassword,
            ["NewPassword"] = "password",
            ["ConfirmPassword"] = "password",
        });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your new password must be at least 12 characters", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await _portal.CreateStaffAsync("lockout-test", "Editor");
        using var client = _portal.Browser();
        string html = "";
        for (var i = 0; i < 6; i++)
        {
            using var response = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
            {
                ["UserName"] = "lockout-test",
                ["Password"] = "not-the-password-" + i,
            });
            html = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains(SaferBcp.Cms.Controllers.AccountController.SignInFailedMessage, html, StringComparison.Ordinal);
        using var correct = await PortalFactory.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new Dictionary<string, string>
        {
            ["UserName"] = "lockout-test",
            ["Password"] = PortalFactory.StaffPassword,
        });
        Assert.NotEqual(HttpStatusCode.Redirect, correct.StatusCode);
    }

    [Fact]
    public async Task Back_office_pages_are_never_stored_by_the_browser()
    {
        using var client = _portal.Browser();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        using var response = await client.GetAsync("/admin/content");
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }
}
