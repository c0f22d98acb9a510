using System.Text.RegularExpressions;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Formats;
using SaferBcp.Support.Models;

namespace SaferBcp.Support.Services;

/// <summary>Checks a service before it is saved, with messages a non-technical officer can act on.</summary>
public sealed partial class ServiceValidator : IContentValidator
{
    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (item.ContentType == SupportTypes.Service)
        {
            Validate(item, result);
        }

        return Task.CompletedTask;
    }

    public static void Validate(ContentItem item, ContentValidationResult result)
    {
        var service = item.As<ServicePart>();
        var path = item.As<AutoroutePart>().Path;
        if (!path.StartsWith(SupportTypes.PathPrefix, StringComparison.Ordinal))
        {
            result.Add("AutoroutePart.Path", "The web address must start with support/services/, like support/services/national-domestic-abuse-helpline");
        }

        if (string.IsNullOrWhiteSpace(service.Summary))
        {
            result.Add("ServicePart.Summary", "Enter a summary: one sentence about what the service does");
        }
        else if (service.Summary.Length > 300)
        {
            result.Add("ServicePart.Summary", "Summary must be 300 characters or fewer");
        }

        if (service.Description.Length > 20_000)
        {
            result.Add("ServicePart.Description", "The description must be 20,000 characters or fewer");
        }

        if (ServiceOptions.AudienceFlags(service.Audiences) == Audience.None)
        {
            result.Add("ServicePart.Audiences", "Select who the service is for");
        }

        if (ServiceOptions.TopicFlags(service.Topics) == Topic.None)
        {
            result.Add("ServicePart.Topics", "Select what the service helps with");
        }

        if (ServiceOptions.AreaFlags(service.Areas) == Area.None)
        {
            result.Add("ServicePart.Areas", "Select the area the service covers");
        }

        if (!string.IsNullOrWhiteSpace(service.Phone) && !ContactLinks.IsValidPhone(service.Phone))
        {
            result.Add("ServicePart.Phone", "Enter a UK phone number, like 01202 123456 or 0808 2000 247");
        }

        if (!string.IsNullOrWhiteSpace(service.TextNumber) && !ContactLinks.IsValidTextNumber(service.TextNumber))
        {
            result.Add("ServicePart.TextNumber", "Enter a UK mobile number or a text short code, like 07700 900123 or 85258");
        }

        if (!string.IsNullOrWhiteSpace(service.Email) && !EmailAddress.IsValid(service.Email))
        {
            result.Add("ServicePart.Email", "Enter an email address in the correct format, like name@example.org.uk");
        }

        if (!string.IsNullOrWhiteSpace(service.Website) && !IsHttpsUrl(service.Website))
        {
            result.Add("ServicePart.Website", "Enter a website address starting with https://, like https://www.example.org.uk");
        }

        if (service.MinimumAge is < 0 or > 120)
        {
            result.Add("ServicePart.MinimumAge", "Youngest age must be a number from 0 to 120");
        }

        if (service.MaximumAge is < 0 or > 120)
        {
            result.Add("ServicePart.MaximumAge", "Oldest age must be a number from 0 to 120");
        }
        else if (service.MinimumAge is { } min && service.MaximumAge is { } max && max < min)
        {
            result.Add("ServicePart.MaximumAge", "Oldest age must be the same as or more than the youngest age");
        }

        if (!string.IsNullOrWhiteSpace(service.ReferralFormSlug) && !Slug().IsMatch(service.ReferralFormSlug))
        {
            result.Add("ServicePart.ReferralFormSlug", "Enter the last part of the referral form's address, like domestic-abuse");
        }

        foreach (var (field, value, limit) in new[]
        {
            ("ServicePart.Hours", service.Hours, 300),
            ("ServicePart.Address", service.Address, 300),
            ("ServicePart.Languages", service.Languages, 300),
            ("ServicePart.Cost", service.Cost, 200),
        })
        {
            if (value is not null && value.Length > limit)
            {
                result.Add(field, $"This must be {limit} characters or fewer");
            }
        }
    }

    public static bool IsHttpsUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal) && string.IsNullOrEmpty(uri.UserInfo);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
