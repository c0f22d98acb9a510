using System.Text.Json.Nodes;
using SaferBcp.Cms.Content;
using SaferBcp.Support.Models;
using SaferBcp.Support.Services;

namespace SaferBcp.Support.Tests;

public sealed class ServiceValidatorTests
{
    private static ContentItem Item(ServicePart part, string path = "support/services/test")
    {
        var item = new ContentItem { ContentType = SupportTypes.Service };
        item.Apply(new TitlePart { Title = "Test" }).Apply(new AutoroutePart { Path = path }).Apply(part);
        return item;
    }

    private static ServicePart Valid() => new()
    {
        Summary = "Helps people.",
        Audiences = ["experiencing-abuse"],
        Topics = ["domestic-abuse"],
        Areas = ["poole"],
    };

    private static Dictionary<string, string> Errors(ContentItem item)
    {
        var result = new ContentValidationResult();
        ServiceValidator.Validate(item, result);
        return result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
    }

    [Theory]
    [InlineData("0808 2000 247")]
    [InlineData("0808 802 4040")]
    [InlineData("08000 121 700")]
    [InlineData("01202 123456")]
    [InlineData("(01202) 123-456")]
    [InlineData("+44 1202 123456")]
    [InlineData("07700 900123")]
    [InlineData("116 123")]
    [InlineData("0800 1111")]
    [InlineData("101")]
    public void UK_phone_numbers_are_accepted(string phone)
    {
        Assert.True(ContactLinks.IsValidPhone(phone));
        Assert.Empty(Errors(Item(new ServicePart { Summary = "x", Audiences = ["professionals"], Topics = ["prevent"], Areas = ["bcp"], Phone = phone })));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0808 2000 24799")]
    [InlineData("+1 202 555 0100")]
    [InlineData("call us")]
    [InlineData("0808 2000 247 ext 5")]
    [InlineData("00808200024712")]
    public void Other_phone_numbers_are_refused_with_an_example(string phone)
    {
        var part = Valid();
        part.Phone = phone;
        Assert.Equal("Enter a UK phone number, like 01202 123456 or 0808 2000 247", Errors(Item(part))["ServicePart.Phone"]);
    }

    [Theory]
    [InlineData("85258", true)]
    [InlineData("07700 900123", true)]
    [InlineData("01202 123456", false)]
    [InlineData("text me", false)]
    public void A_text_number_is_a_mobile_or_short_code(string number, bool valid)
    {
        Assert.Equal(valid, ContactLinks.IsValidTextNumber(number));
    }

    [Theory]
    [InlineData("help@example.org.uk", true)]
    [InlineData("not an email", false)]
    [InlineData("name@localhost", false)]
    [InlineData("Name <name@example.org>", false)]
    public void Email_addresses_are_checked(string email, bool valid)
    {
        var part = Valid();
        part.Email = email;
        Assert.Equal(valid, !Errors(Item(part)).ContainsKey("ServicePart.Email"));
    }

    [Theory]
    [InlineData("https://www.nationaldahelpline.org.uk", true)]
    [InlineData("http://www.example.org", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("www.example.org", false)]
    [InlineData("https://user:pass@example.org", false)]
    public void Websites_must_be_https_addresses(string url, bool valid)
    {
        var part = Valid();
        part.Website = url;
        Assert.Equal(valid, !Errors(Item(part)).ContainsKey("ServicePart.Website"));
    }

    [Fact]
    public void A_service_must_say_who_it_is_for_what_it_helps_with_and_where()
    {
        var errors = Errors(Item(new ServicePart()));

        Assert.Equal("Enter a summary: one sentence about what the service does", errors["ServicePart.Summary"]);
        Assert.Equal("Select who the service is for", errors["ServicePart.Audiences"]);
        Assert.Equal("Select what the service helps with", errors["ServicePart.Topics"]);
        Assert.Equal("Select the area the service covers", errors["ServicePart.Areas"]);
    }

    [Fact]
    public void The_oldest_age_cannot_be_below_the_youngest()
    {
        var part = Valid();
        part.MinimumAge = 16;
        part.MaximumAge = 10;
        Assert.Equal("Oldest age must be the same as or more than the youngest age", Errors(Item(part))["ServicePart.MaximumAge"]);
    }

    [Fact]
    public void A_referral_form_is_named_by_its_slug()
    {
        var part = Valid();
        part.ReferralFormSlug = "/refer-yourself/up2u";
        Assert.True(Errors(Item(part)).ContainsKey("ServicePart.ReferralFormSlug"));
        part.ReferralFormSlug = "up2u";
        Assert.Empty(Errors(Item(part)));
        Assert.Equal("/refer-yourself/up2u", part.ReferralFormUrl);
    }

    [Fact]
    public void A_service_lives_under_support_services()
    {
        Assert.True(Errors(Item(Valid(), "domestic-abuse/helpline")).ContainsKey("AutoroutePart.Path"));
    }

    [Fact]
    public void Every_service_in_the_recipe_is_valid_and_no_local_service_has_an_invented_number_or_opening_time()
    {
        var recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "recipes", "saferbcp.recipe.json")))!;
        var services = recipe["steps"]!.AsArray().Where(s => (string?)s!["name"] == "content").SelectMany(s => s!["items"]!.AsArray())
            .Where(i => (string?)i!["contentType"] == SupportTypes.Service)
            .Select(i => new ContentItem { ContentType = SupportTypes.Service, Content = (JsonObject)i!["parts"]!.DeepClone() })
            .ToList();

        Assert.True(services.Count >= 15);
        foreach (var service in services)
        {
            Assert.Empty(Errors(service));
            var part = service.As<ServicePart>();
            if (!part.Areas.SequenceEqual(["national"]))
            {
                // The annual report gives no local phone numbers or hours; 101 is the police's public number.
                Assert.True(part.Phone is null or "101", service.DisplayText + " has a phone number");
                Assert.Null(part.Hours);
                Assert.False(part.OpenAllHours);
            }
        }

        var helpline = services.Single(s => s.As<AutoroutePart>().Path == "support/services/national-domestic-abuse-helpline").As<ServicePart>();
        Assert.Equal("0808 2000 247", helpline.Phone);
        Assert.True(helpline.OpenAllHours);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SaferBcp.Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
