using SaferBcp.Support.Models;
using SaferBcp.Support.Services;

namespace SaferBcp.Support.Tests;

public sealed class FinderTests
{
    private static ServiceIndex Service(string title, Audience who, Topic what, Area where, bool allHours = false) =>
        new() { ContentItemId = title, Title = title, Path = "support/services/" + title, Audiences = who, Topics = what, Areas = where, OpenAllHours = allHours };

    private static readonly ServiceIndex[] Services =
    [
        Service("national-da-helpline", Audience.ExperiencingAbuse | Audience.FamilyAndFriends, Topic.DomesticAbuse, Area.National, allHours: true),
        Service("mens-advice-line", Audience.ExperiencingAbuse, Topic.DomesticAbuse, Area.National),
        Service("bcp-da-services", Audience.ExperiencingAbuse, Topic.DomesticAbuse, Area.Bcp),
        Service("poole-only", Audience.ExperiencingAbuse, Topic.DomesticAbuse, Area.Poole),
        Service("bournemouth-only", Audience.ExperiencingAbuse, Topic.DomesticAbuse, Area.Bournemouth),
        Service("dorset-only", Audience.ExperiencingAbuse, Topic.DomesticAbuse, Area.Dorset),
        Service("up2u", Audience.WorriedAboutOwnBehaviour, Topic.DomesticAbuse, Area.Bcp | Area.Dorset),
        Service("rape-crisis", Audience.ExperiencingAbuse, Topic.SexualViolence, Area.National, allHours: true),
        Service("asb-team", Audience.ExperiencingAbuse, Topic.AntiSocialBehaviour, Area.Bcp),
    ];

    private static List<string> Find(string who, string what, string where) =>
        Services.AsQueryable().Where(new FinderAnswers(who, what, where).ToCriteria().Predicate()).Select(s => s.Title).OrderBy(t => t).ToList();

    [Fact]
    public void Someone_experiencing_domestic_abuse_in_Poole_gets_Poole_and_BCP_services_and_the_national_helplines()
    {
        Assert.Equal(["bcp-da-services", "mens-advice-line", "national-da-helpline", "poole-only"], Find("experiencing-abuse", "domestic-abuse", "poole"));
    }

    [Fact]
    public void A_service_for_one_town_is_not_offered_in_another()
    {
        Assert.DoesNotContain("poole-only", Find("experiencing-abuse", "domestic-abuse", "bournemouth"));
        Assert.Contains("bournemouth-only", Find("experiencing-abuse", "domestic-abuse", "bournemouth"));
    }

    [Theory]
    [InlineData("bournemouth")]
    [InlineData("christchurch")]
    [InlineData("poole")]
    [InlineData("dorset")]
    [InlineData("elsewhere")]
    [InlineData("rather-not-say")]
    public void National_helplines_match_wherever_the_person_lives(string where)
    {
        Assert.Contains("national-da-helpline", Find("experiencing-abuse", "domestic-abuse", where));
        Assert.Contains("mens-advice-line", Find("experiencing-abuse", "domestic-abuse", where));
    }

    [Fact]
    public void Someone_elsewhere_in_the_UK_gets_only_national_helplines()
    {
        Assert.Equal(["mens-advice-line", "national-da-helpline"], Find("experiencing-abuse", "domestic-abuse", "elsewhere"));
    }

    [Fact]
    public void Someone_elsewhere_in_Dorset_gets_Dorset_services_but_not_BCP_ones()
    {
        var found = Find("experiencing-abuse", "domestic-abuse", "dorset");
        Assert.Contains("dorset-only", found);
        Assert.DoesNotContain("bcp-da-services", found);
    }

    [Fact]
    public void Rather_not_say_offers_services_in_every_area()
    {
        Assert.Equal(6, Find("experiencing-abuse", "domestic-abuse", "rather-not-say").Count);
    }

    [Fact]
    public void Not_sure_what_is_happening_offers_every_topic()
    {
        var found = Find("experiencing-abuse", "not-sure", "poole");
        Assert.Contains("rape-crisis", found);
        Assert.Contains("asb-team", found);
        Assert.Contains("bcp-da-services", found);
    }

    [Fact]
    public void Someone_worried_about_their_own_behaviour_gets_perpetrator_services_not_victim_services()
    {
        Assert.Equal(["up2u"], Find("worried-about-own-behaviour", "domestic-abuse", "christchurch"));
    }

    [Fact]
    public void The_topic_must_match()
    {
        Assert.Equal(["rape-crisis"], Find("experiencing-abuse", "sexual-violence", "poole"));
    }

    [Fact]
    public void Emergency_numbers_come_first_999_then_the_silent_call_and_text_relay()
    {
        var results = FinderResults.From(new FinderAnswers("experiencing-abuse", "domestic-abuse", "poole"), Services);

        Assert.Equal("999", results.Emergency[0].Number);
        Assert.Contains("press 55", results.Emergency[1].Text, StringComparison.Ordinal);
        Assert.Equal("18000", results.Emergency[2].Number);
        Assert.Contains("Relay UK", results.Emergency[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_split_local_from_national_and_list_24_hour_services_first()
    {
        var matches = Services.AsQueryable().Where(new FinderAnswers("experiencing-abuse", "not-sure", "elsewhere").ToCriteria().Predicate()).ToList();
        var results = FinderResults.From(new FinderAnswers("experiencing-abuse", "not-sure", "elsewhere"), matches);

        Assert.Empty(results.Local);
        Assert.Equal(["national-da-helpline", "rape-crisis", "mens-advice-line"], results.National.Select(s => s.Title));
    }

    [Fact]
    public void Answers_that_are_not_one_of_the_choices_are_dropped()
    {
        var cleaned = new FinderAnswers("<script>", "domestic-abuse", "mars").Cleaned();
        Assert.Null(cleaned.Who);
        Assert.Equal("domestic-abuse", cleaned.What);
        Assert.Null(cleaned.Where);
        Assert.False(cleaned.IsComplete);
    }

    [Fact]
    public void Every_finder_choice_maps_to_a_service_option()
    {
        Assert.All(FinderQuestions.Who.Choices, c => Assert.Contains(ServiceOptions.Audiences, o => o.Code == c.Code));
        Assert.All(FinderQuestions.What.Choices.Where(c => c.Code != FinderQuestions.NotSure), c => Assert.Contains(ServiceOptions.Topics, o => o.Code == c.Code));
    }
}
