using SaferBcp.Cms.Content;
using SaferBcp.Cms.Navigation;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages.Services;

public sealed class PageValidator : IContentValidator
{
    public Task ValidateAsync(ContentItem item, ContentValidationResult result)
    {
        if (!PageTypes.IsPageType(item.ContentType))
        {
            return Task.CompletedTask;
        }

        var article = item.As<ArticlePart>();
        if (string.IsNullOrWhiteSpace(article.Summary))
        {
            result.Add("ArticlePart.Summary", "Enter a summary: one or two sentences for lists and search results");
        }
        else if (article.Summary.Length > 500)
        {
            result.Add("ArticlePart.Summary", "Summary must be 500 characters or fewer");
        }

        if (article.Markdown.Length > 100_000)
        {
            result.Add("ArticlePart.Markdown", "The page text must be 100,000 characters or fewer");
        }

        if (!string.IsNullOrWhiteSpace(article.HeroImage))
        {
            if (!article.HeroImage.StartsWith("/media/", StringComparison.Ordinal))
            {
                result.Add("ArticlePart.HeroImage", "Choose an image from the media library (its address starts with /media/)");
            }

            if (string.IsNullOrWhiteSpace(article.HeroImageAlt))
            {
                result.Add("ArticlePart.HeroImageAlt", "Enter alternative text that describes the image for people who cannot see it");
            }
        }

        for (var i = 0; i < article.CallsToAction.Count; i++)
        {
            var action = article.CallsToAction[i];
            if (string.IsNullOrWhiteSpace(action.Text) || !MenuService.IsAllowedUrl(action.Url))
            {
                result.Add("ArticlePart.CallsToAction", $"Call to action {i + 1}: enter the button text and an address starting with / or https://");
            }
        }

        if (item.ContentType == PageTypes.Campaign)
        {
            var campaign = item.As<CampaignPart>();
            if (campaign.StartsOn is null)
            {
                result.Add("CampaignPart.StartsOn", "Enter the date the campaign starts");
            }

            if (campaign.EndsOn is null)
            {
                result.Add("CampaignPart.EndsOn", "Enter the date the campaign ends");
            }
            else if (campaign.StartsOn is not null && campaign.EndsOn < campaign.StartsOn)
            {
                result.Add("CampaignPart.EndsOn", "The end date must be the same as or after the start date");
            }

            if (campaign.BannerText.Length > 200)
            {
                result.Add("CampaignPart.BannerText", "Banner text must be 200 characters or fewer");
            }
        }

        if (item.ContentType == PageTypes.News && item.As<NewsPart>().Date is null)
        {
            result.Add("NewsPart.Date", "Enter the date of the news item");
        }

        return Task.CompletedTask;
    }
}
