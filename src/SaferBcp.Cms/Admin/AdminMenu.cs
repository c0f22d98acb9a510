using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace SaferBcp.Cms.Admin;

/// <summary>An entry in the back office's navigation, shown only to staff who hold its permission.</summary>
public sealed record AdminMenuItem(string Text, string Url, string Permission, int Order = 100);

public sealed class AdminMenu
{
    private readonly IEnumerable<AdminMenuItem> _items;
    private readonly IAuthorizationService _authorization;

    public AdminMenu(IEnumerable<AdminMenuItem> items, IAuthorizationService authorization)
    {
        _items = items;
        _authorization = authorization;
    }

    public async Task<IReadOnlyList<AdminMenuItem>> ForUserAsync(ClaimsPrincipal user)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in _items.OrderBy(i => i.Order).ThenBy(i => i.Text))
        {
            if ((await _authorization.AuthorizeAsync(user, item.Permission)).Succeeded)
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}

/// <summary>A count or alert a module puts on the back-office dashboard (e.g. failed emails).</summary>
public interface IDashboardPanel
{
    Task<DashboardPanel?> BuildAsync(ClaimsPrincipal user);
}

public sealed record DashboardPanel(string Title, string Body, string? LinkText = null, string? LinkUrl = null, bool Warning = false);
