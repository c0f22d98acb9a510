using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Hosting;
using SaferBcp.Cms.Security;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SaferBcp.Review.Models;

namespace SaferBcp.Review.Services;

/// <summary>
/// Tells every Reviewer (each account whose role holds ReviewContent) that something waits, through the outbox in
/// the submitting transaction. The email holds a link only: no title, text or name, since mailboxes are less safe
/// than the back office.
/// </summary>
public sealed class ReviewerNotifier
{
    public const string TemplateName = "review-submitted";

    public static readonly EmailTemplateDefinition Template = new(
        TemplateName, "Content waiting for review",
        "Content is waiting for your review",
        "Something has been submitted for review on the Safer BCP Portal.\n\nOpen it in the back office (you will be asked to sign in):\n{{ review_url }}\n",
        [new("review_url", "Link to the submission in the review queue", "https://…/admin/review/42")]);

    private readonly RoleManager<PortalRole> _roles;
    private readonly UserManager<PortalUser> _users;
    private readonly IEmailTemplateRenderer _renderer;
    private readonly IEmailOutbox _outbox;
    private readonly PublicAddress _address;

    public ReviewerNotifier(RoleManager<PortalRole> roles, UserManager<PortalUser> users, IEmailTemplateRenderer renderer, IEmailOutbox outbox, PublicAddress address)
    {
        _roles = roles;
        _users = users;
        _renderer = renderer;
        _outbox = outbox;
        _address = address;
    }

    public async Task NotifyReviewersAsync(ReviewRequest request)
    {
        var addresses = await ReviewerAddressesAsync();
        if (addresses.Count == 0)
        {
            return;
        }

        var email = await _renderer.RenderAsync(TemplateName, new Dictionary<string, object?> { ["review_url"] = _address.Absolute($"/admin/review/{request.Id}") });
        foreach (var to in addresses)
        {
            await _outbox.EnqueueAsync(new EmailMessage(to, email.Subject, email.TextBody, TemplateName));
        }
    }

    private async Task<List<string>> ReviewerAddressesAsync()
    {
        var addresses = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in await _roles.Roles.ToListAsync())
        {
            var claims = await _roles.GetClaimsAsync(role);
            if (!claims.Any(c => c.Type == CmsPermissions.ClaimType && c.Value == Permissions.ReviewContent))
            {
                continue;
            }

            foreach (var user in await _users.GetUsersInRoleAsync(role.Name!))
            {
                if (!string.IsNullOrWhiteSpace(user.Email) && (user.LockoutEnd is null || user.LockoutEnd < DateTimeOffset.UtcNow))
                {
                    addresses.Add(user.Email);
                }
            }
        }

        return addresses.ToList();
    }
}
