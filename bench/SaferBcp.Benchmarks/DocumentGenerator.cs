using System.Text;
using SaferBcp.Cms.Content;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Seeded generator of plausible community-safety pages: English sentences built from templates whose slots are
/// filled from the partnership's vocabulary (topics, places, services, people), 150–600 body words each.
/// Each page has a main topic and a main place, which fill most of their slots (a page is about something),
/// so common words appear on most pages and rarer ones on a few, and queries meet realistic posting-list lengths.
/// </summary>
public sealed class DocumentGenerator
{
    private static readonly string[] Topics =
    [
        "domestic abuse", "knife crime", "anti-social behaviour", "safe places", "sexual violence", "serious violence",
        "drug and alcohol misuse", "county lines", "hate crime", "modern slavery", "fraud and scams", "child exploitation",
        "violence against women and girls", "stalking and harassment", "the night-time economy", "online safety",
        "substance misuse", "coercive control", "youth violence", "criminal exploitation", "street drinking",
        "retail crime", "begging", "rough sleeping", "road safety", "radicalisation",
    ];

    private static readonly string[] Places =
    [
        "Bournemouth", "Christchurch", "Poole", "Boscombe", "Westbourne", "Kinson", "Hamworthy", "Broadstone",
        "Parkstone", "Southbourne", "Winton", "Canford Heath", "Highcliffe", "Poole Quay", "the Lansdowne",
        "Bournemouth town centre", "Poole town centre", "Christchurch high street", "the seafront", "Moordown",
        "Oakdale", "West Howe", "Turlin Moor", "Mudeford", "Branksome", "Charminster",
    ];

    private static readonly string[] Actors =
    [
        "the Community Safety Partnership", "Dorset Police", "BCP Council", "the local domestic abuse service",
        "youth workers", "neighbourhood wardens", "the MARAC", "independent domestic violence advisers", "volunteers",
        "local businesses", "schools and colleges", "Dorset and Wiltshire Fire and Rescue Service", "health partners",
        "housing officers", "Street Pastors", "the Safer Neighbourhood Team", "the Office of the Police and Crime Commissioner",
        "the probation service", "community groups", "the Town Team",
    ];

    private static readonly string[] People =
    [
        "residents", "victims and survivors", "young people", "families", "parents and carers", "visitors",
        "shop staff", "pub and club staff", "older people", "students", "people sleeping rough", "witnesses",
        "tenants", "children", "women and girls", "men and boys", "carers", "businesses",
    ];

    private static readonly string[] Verbs =
    [
        "supports", "works with", "listens to", "protects", "helps", "trains", "funds projects for", "meets",
        "gives advice to", "talks with", "checks on", "visits",
    ];

    private static readonly string[] Actions =
    [
        "reduce", "tackle", "prevent", "report", "raise awareness of", "respond to", "understand", "cut",
        "spot the signs of", "speak out about",
    ];

    private static readonly string[] Things =
    [
        "a safety plan", "the helpline", "a referral", "an emergency", "a community trigger", "the case review",
        "a naloxone kit", "the Ask for Angela scheme", "a safe place sticker", "CCTV", "a dispersal order",
        "a community protection notice", "a bleed kit", "the annual report", "a crime prevention survey",
        "Clare's Law", "the 16 Days of Action", "a public space protection order", "a knife amnesty bin",
    ];

    private static readonly string[] Filler =
    [
        "If you are in immediate danger, call 999.", "If you cannot speak, call 999 from a mobile and press 55 when asked.",
        "You do not have to give your name.", "Everything you tell us is treated in confidence.",
        "The service is free and open to everyone who lives or works in the area.",
        "Help is available in other languages and in British Sign Language.",
        "You can also report online or by calling 101.", "Crimestoppers takes reports anonymously on 0800 555 111.",
        "This page was reviewed by the partnership this year.", "Nobody should have to live in fear.",
        "Most of the people we help were referred by someone they trust.",
    ];

    private static readonly string[] Templates =
    [
        "{Actor} {verb} {people} in {place} to {action} {topic}.",
        "In {place}, {people} told us that {topic} was their biggest worry this year.",
        "Reports of {topic} in {place} fell by {n} per cent after {actor} {verb} {people}.",
        "If you are worried about {topic}, {actor} can help you with {thing}.",
        "{Actor} and {actor} met {n} times to agree how to {action} {topic} across Bournemouth, Christchurch and Poole.",
        "We asked {n} {people} in {place} what would make them feel safer at night.",
        "Training on {topic} was given to {n} {people} and {people} in {place}.",
        "{Thing} is available to {people} who are affected by {topic}.",
        "The partnership's plan puts {topic} and {topic} first for the next three years.",
        "A new project in {place} helps {people} to {action} {topic} and to find {thing}.",
        "{Actor} patrols {place} on Friday and Saturday nights to keep {people} safe.",
        "You can ask for {thing} at any of the safe places in {place}.",
        "Since the campaign started, {n} {people} have used {thing}.",
        "Talking about {topic} is not always easy, but {actor} is there to listen.",
        "Last year {actor} received {n} referrals about {topic} from {place} alone.",
    ];

    private static readonly string[] TitleTemplates =
    [
        "{Topic} in {place}", "Help with {topic}", "How to report {topic}", "{Topic}: advice for {people}",
        "{Place} {topic} project", "Keeping {people} safe in {place}", "{Thing} and {topic}", "Our work on {topic}",
        "{Topic} campaign {year}", "News: {actor} and {topic} in {place}",
    ];

    private static readonly string[] Kinds = ["Page", "Page", "Page", "News", "Campaign"];

    private readonly Random _random;
    private string _mainTopic = "";
    private string _mainPlace = "";

    public DocumentGenerator(int seed) => _random = new Random(seed);

    public (string Id, SearchText Text) Next(int index)
    {
        var id = "bench" + index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        _mainTopic = Pick(Topics);
        _mainPlace = Pick(Places);
        var title = Fill(Pick(TitleTemplates));
        var summary = Fill(Pick(Templates));
        var targetWords = _random.Next(150, 601);
        var body = new StringBuilder(targetWords * 8);
        var words = 0;
        var sentencesInParagraph = 0;
        while (words < targetWords)
        {
            var sentence = _random.Next(6) == 0 ? Pick(Filler) : Fill(Pick(Templates));
            words += CountWords(sentence);
            body.Append(sentence);
            if (++sentencesInParagraph >= _random.Next(3, 7))
            {
                body.Append("\n\n");
                sentencesInParagraph = 0;
            }
            else
            {
                body.Append(' ');
            }
        }

        var kind = Pick(Kinds);
        var url = "/" + (kind == "News" ? "news/" : kind == "Campaign" ? "campaigns/" : "") + Slug(title) + "-" + index;
        return (id, new SearchText(title, summary, body.ToString().Trim(), url, kind));
    }

    public static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string Fill(string template)
    {
        var result = new StringBuilder(template.Length * 3);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var close = template.IndexOf('}', open);
            var slot = template[(open + 1)..close];
            var value = slot.ToLowerInvariant() switch
            {
                "topic" => _random.Next(100) < 65 ? _mainTopic : Pick(Topics),
                "place" => _random.Next(100) < 55 ? _mainPlace : Pick(Places),
                "actor" => Pick(Actors),
                "people" => Pick(People),
                "verb" => Pick(Verbs),
                "action" => Pick(Actions),
                "thing" => Pick(Things),
                "n" => _random.Next(2, 400).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "year" => _random.Next(2019, 2027).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => slot,
            };
            result.Append(char.IsUpper(slot[0]) ? char.ToUpperInvariant(value[0]) + value[1..] : value);
            i = close + 1;
        }

        return result.ToString();
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }
}

/// <summary>
/// The fixed list of things people type into the site search (1–3 words), drawn in a seeded order.
/// Mixes very common words, mid-frequency phrases, rare words, stemmed forms ("abused", "crimes") and a few
/// queries that match nothing, as a real search log would.
/// </summary>
public static class QueryList
{
    public static readonly string[] Queries =
    [
        "domestic abuse", "knife crime", "anti-social behaviour", "safe places", "Poole", "Bournemouth", "Christchurch",
        "help", "report", "young people", "abuse support", "safe places Poole", "night-time", "county lines",
        "hate crime report", "stalking", "alcohol", "Boscombe", "drugs", "violence", "volunteers", "scams", "police",
        "MARAC", "helpline", "Street Pastors", "Highcliffe", "Kinson knife crime", "exploitation", "older people fraud",
        "harassment", "school", "council", "emergency", "funding", "campaign", "abused", "crimes", "naloxone",
        "Ask for Angela", "community trigger", "case review", "safety plan", "Clare's Law", "bleed kit",
        "sexual violence", "coercive control", "rough sleeping", "Westbourne", "Mudeford", "CCTV", "999",
        "report online", "women and girls", "modern slavery", "domestic violence advisers", "Poole Quay",
        "youth workers", "seafront", "dispersal order", "anonymous", "British Sign Language", "housing",
        "knife amnesty", "town centre", "Hamworthy housing", "training", "survivors", "parents", "feel safer",
        "kraken", "parking permit", "bin collection",
    ];

    public static List<string> Draw(int seed, int count)
    {
        var random = new Random(seed ^ 0x5EA7C4);
        var drawn = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            drawn.Add(Queries[random.Next(Queries.Length)]);
        }

        return drawn;
    }
}
