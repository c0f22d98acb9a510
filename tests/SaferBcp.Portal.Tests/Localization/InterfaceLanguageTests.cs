using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Referrals;

namespace SaferBcp.Portal.Tests.Localization;

/// <summary>
/// The interface in the visitor's language under /pl/… and /ar/…: the html lang and dir, the layout's strings
/// (Exit this page and GOV.UK Frontend's own strings for it), the forms engine's buttons and messages, a referral
/// form's own questions, and links that keep her in her language.
/// </summary>
public sealed partial class InterfaceLanguageTests : IClassFixture<ReferralPortal>
{
    private const string Form = "/refer-yourself/domestic-abuse";
    private readonly ReferralPortal _portal;

    public InterfaceLanguageTests(ReferralPortal portal) => _portal = portal;

    [Theory]
    [InlineData("/", "en-GB", "ltr")]
    [InlineData("/pl/", "pl", "ltr")]
    [InlineData("/ar/", "ar", "rtl")]
    [InlineData("/ar/domestic-abuse", "ar", "rtl")]
    [InlineData("/ar/no-such-page", "ar", "rtl")]
    [InlineData("/pl" + Form + "/danger", "pl", "ltr")]
    public async Task The_page_says_its_language_and_direction(string address, string lang, string dir)
    {
        using var client = _portal.Browser();
        var tag = HtmlTag().Match(await GetAnyStatusAsync(client, address)).Value;
        Assert.Contains($"lang=\"{lang}\"", tag, StringComparison.Ordinal);
        Assert.Contains($"dir=\"{dir}\"", tag, StringComparison.Ordinal);
    }

    private static async Task<string> GetAnyStatusAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(address);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("pl", "Opuść tę stronę", "Naciśnij Shift jeszcze 2 razy, aby wyjść.", "Przejdź do treści głównej", "W nagłym wypadku zadzwoń pod 999.")]
    [InlineData("ar", "اخرج من هذه الصفحة", "اضغط Shift مرتين أخريين للخروج.", "انتقل إلى المحتوى الرئيسي", "في حالة الطوارئ، اتصل بالرقم 999.")]
    public async Task Exit_this_page_skip_link_and_footer_are_in_the_visitors_language(string culture, string exit, string pressTwice, string skip, string emergency)
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync($"/{culture}/");

        Assert.Contains($">{exit}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"data-i18n.press-two-more-times=\"{pressTwice}\"", html, StringComparison.Ordinal);
        Assert.Contains(skip, html, StringComparison.Ordinal);
        Assert.Contains(emergency, html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Exit this page<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_pages_keep_the_English_interface()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync(Form + "/danger");
        Assert.Contains("Exit this page", html, StringComparison.Ordinal);
        Assert.Contains(">Continue</button>", html, StringComparison.Ordinal);
        Assert.Contains("Are you in immediate danger?", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl", "Czy grozi Ci bezpośrednie niebezpieczeństwo?", ">Dalej</button>", ">Tak</label>", "Wybierz „tak” albo „nie”", "Błąd:", "To tłumaczenie nie zostało jeszcze sprawdzone")]
    [InlineData("ar", "هل أنت في خطر مباشر؟", ">متابعة</button>", ">نعم</label>", "اختر نعم أو لا", "خطأ:", "لم يراجع مترجم مؤهل هذه الترجمة بعد")]
    public async Task A_referral_form_asks_and_reports_errors_in_the_visitors_language(string culture, string question, string button, string yes, string error, string errorPrefix, string toBeChecked)
    {
        using var client = _portal.Browser();
        var start = await client.GetStringAsync($"/{culture}{Form}");
        Assert.Contains(toBeChecked, start, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{culture}{Form}/danger\"", start, StringComparison.Ordinal);

        var page = await client.GetStringAsync($"/{culture}{Form}/danger");
        Assert.Contains(question, page, StringComparison.Ordinal);
        Assert.Contains(button, page, StringComparison.Ordinal);
        Assert.Contains(yes, page, StringComparison.Ordinal);
        // The option values are the English form's: only the words differ.
        Assert.Contains("value=\"yes\"", page, StringComparison.Ordinal);

        using var refused = await client.PostAsync($"/{culture}{Form}/danger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(error, html, StringComparison.Ordinal);
        Assert.Contains(errorPrefix, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Select yes or no", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_and_form_steps_stay_in_the_visitors_language()
    {
        using var client = _portal.Browser();
        var home = await client.GetStringAsync("/pl/");
        Assert.Contains("href=\"/pl/search\"", home, StringComparison.Ordinal);
        Assert.Contains("class=\"govuk-generic-header__homepage-link\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/pl/\" class=\"govuk-generic-header__homepage-link\"", home, StringComparison.Ordinal);
        Assert.DoesNotMatch(MenuLinkOutsidePolish(), home);

        var page = await client.GetStringAsync($"/pl{Form}/danger");
        using var answered = await client.PostAsync($"/pl{Form}/danger", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
            ["in-danger"] = "no",
        }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal($"/pl{Form}/about-you", answered.Headers.Location?.OriginalString);
        // The form's session cookie is sent to the Polish pages that follow.
        Assert.Contains(answered.Headers.GetValues("Set-Cookie"), c => c.Contains($"path=/pl{Form}", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Gdzie mieszkasz?", await client.GetStringAsync($"/pl{Form}/about-you"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Polish_referral_is_stored_with_the_same_answers_and_the_officer_sees_its_language()
    {
        var key = await _portal.CreateOfficerAsync("officer-da-languages", "Domestic abuse team");
        using var resident = _portal.Browser();
        var pl = "/pl" + Form;
        await AnswerAsync(resident, pl, "danger", new() { ["in-danger"] = "no" });
        await AnswerAsync(resident, pl, "about-you", new() { ["name"] = "Agnieszka Wróblewska-Tarn", ["area"] = "poole", ["age-band"] = "25-34" });
        await AnswerAsync(resident, pl, "children", new() { ["children"] = "no" });
        await AnswerAsync(resident, pl, "safety", new()
        {
            ["risk-injured"] = "yes", ["risk-frightened"] = "yes", ["risk-strangled"] = "yes",
            ["risk-threatened-kill"] = "yes", ["risk-getting-worse"] = "yes", ["risk-separation"] = "yes",
        });
        await AnswerAsync(resident, pl, "what-is-happening", new() { ["what-is-happening"] = "Zabrał mi klucze" });
        await AnswerAsync(resident, pl, "contact-phone", new() { ["safe-phone"] = "07700 900462", ["safe-voicemail"] = "no", ["safe-text"] = "no" });
        await AnswerAsync(resident, pl, "contact-email-ok", new() { ["safe-email-ok"] = "no" });
        await AnswerAsync(resident, pl, "contact-times", new() { ["safe-times"] = "Rano" });

        var check = await resident.GetStringAsync(pl + "/check");
        Assert.Contains("Przed wysłaniem formularza sprawdź swoje odpowiedzi", check, StringComparison.Ordinal);
        Assert.Contains(">Tak<", check.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using (var sent = await resident.PostAsync(pl + "/check", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check) })))
        {
            Assert.Equal($"{pl}/confirmation", sent.Headers.Location?.OriginalString);
        }

        var confirmation = await resident.GetStringAsync(pl + "/confirmation");
        Assert.Contains("Twój numer referencyjny", confirmation, StringComparison.Ordinal);
        Assert.Contains("Co będzie dalej", confirmation, StringComparison.Ordinal);
        var reference = ReferralPortal.Reference(confirmation);
        Assert.NotEmpty(reference);

        // Stored as an English referral is: the same option values route it (six risk indicators: urgent), and its language is kept.
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Reference == reference);
            Assert.Equal("pl", referral.Language);
            Assert.Equal(SaferBcp.Referrals.Models.ReferralPriority.Urgent, referral.Priority);
            Assert.Equal("Domestic abuse: get support for yourself", referral.FormTitle);
        }

        using var officer = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(officer, "officer-da-languages", key);
        var inbox = await officer.GetStringAsync("/admin/referrals");
        Assert.Matches(new Regex(Regex.Escape(reference) + "</a>.{0,400}In Polish", RegexOptions.Singleline), inbox);
        var detail = await officer.GetStringAsync($"/admin/referrals/{reference}");
        Assert.Contains(">Language</dt><dd class=\"govuk-summary-list__value\">Polish", detail, StringComparison.Ordinal);
        // The officer reads the questions and options in English: the answer "poole" is shown as the English form's label.
        Assert.Contains("Where do you live?", detail, StringComparison.Ordinal);
        Assert.Contains(">Poole<", detail, StringComparison.Ordinal);
        Assert.Contains("Agnieszka Wróblewska-Tarn", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Gdzie mieszkasz?", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Arabic_case_review_request_is_stored_with_the_same_answers_and_the_officer_sees_its_language()
    {
        var key = await _portal.CreateOfficerAsync("officer-asb-languages", "ASB case review team");
        using var resident = _portal.Browser();
        const string ar = "/ar/refer-yourself/asb-case-review";
        var start = await resident.GetStringAsync(ar);
        Assert.Contains("اطلب مراجعة قضية سلوك معادٍ للمجتمع (Community Trigger)", start, StringComparison.Ordinal);
        Assert.Contains("لم يراجع مترجم مؤهل هذه الترجمة بعد", start, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", start, StringComparison.Ordinal);

        await AnswerAsync(resident, ar, "danger", new() { ["in-danger"] = "no" });
        var howMany = await resident.GetStringAsync(ar + "/how-many");
        Assert.Contains("كم مرة أبلغت عن السلوك المعادي للمجتمع؟", howMany, StringComparison.Ordinal);
        Assert.Contains("مرتين", howMany, StringComparison.Ordinal);
        Assert.Contains("value=\"2\"", howMany, StringComparison.Ordinal);
        await AnswerAsync(resident, ar, "how-many", new() { ["report-count"] = "2" });
        await AnswerAsync(resident, ar, "about-you", new() { ["name"] = "Samira Haddad-Quill", ["area"] = "christchurch" });
        var firstReport = await resident.GetStringAsync(ar + "/incident-1");
        Assert.Contains("شرطة دورست (Dorset Police)", firstReport, StringComparison.Ordinal);
        Assert.Contains("value=\"police\"", firstReport, StringComparison.Ordinal);
        await AnswerAsync(resident, ar, "incident-1", new() { ["incident-1-date-day"] = "3", ["incident-1-date-month"] = "9", ["incident-1-date-year"] = "2026", ["incident-1-to"] = "police", ["incident-1-reference"] = "DP-4417" });
        await AnswerAsync(resident, ar, "incident-2", new() { ["incident-2-date-day"] = "17", ["incident-2-date-month"] = "10", ["incident-2-date-year"] = "2026", ["incident-2-to"] = "council" });
        await AnswerAsync(resident, ar, "effect", new() { ["behaviour"] = "ضجيج وصراخ كل ليلة", ["on-behalf"] = "no" });
        await AnswerAsync(resident, ar, "contact-phone", new() { ["safe-phone"] = "07700 900518", ["safe-voicemail"] = "no", ["safe-text"] = "yes" });
        await AnswerAsync(resident, ar, "contact-email-ok", new() { ["safe-email-ok"] = "no" });
        await AnswerAsync(resident, ar, "contact-times", new() { ["safe-times"] = "المساء" });

        var check = await resident.GetStringAsync(ar + "/check");
        Assert.Contains("مرتين", check, StringComparison.Ordinal);
        Assert.DoesNotContain("How many times have you reported", check, StringComparison.Ordinal);
        using (var sent = await resident.PostAsync(ar + "/check", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(check) })))
        {
            Assert.Equal($"{ar}/confirmation", sent.Headers.Location?.OriginalString);
        }

        var confirmation = await resident.GetStringAsync(ar + "/confirmation");
        Assert.Contains("سيتحقق المجلس وشركاؤه", confirmation, StringComparison.Ordinal);
        var reference = ReferralPortal.Reference(confirmation);
        Assert.NotEmpty(reference);

        // Stored as an English request is: the same option values (so it reaches the same team), and its language is kept.
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var referral = await scope.ServiceProvider.GetRequiredService<ReferralsDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Reference == reference);
            Assert.Equal("ar", referral.Language);
            Assert.Equal(await _portal.TeamIdAsync("ASB case review team"), referral.TeamId);
            Assert.Equal("Ask for an anti-social behaviour case review (Community Trigger)", referral.FormTitle);
            var raw = scope.ServiceProvider.GetRequiredService<SaferBcp.Referrals.Services.ReferralProtector>().UnprotectAnswers(referral.ProtectedAnswers).Raw;
            Assert.Equal(["2"], raw["report-count"]);
            Assert.Equal(["christchurch"], raw["area"]);
            Assert.Equal(["police"], raw["incident-1-to"]);
            Assert.Equal(["council"], raw["incident-2-to"]);
        }

        using var officer = _portal.Browser();
        await ReferralPortal.SignInWithTwoFactorAsync(officer, "officer-asb-languages", key);
        Assert.Matches(new Regex(Regex.Escape(reference) + "</a>.{0,400}In Arabic", RegexOptions.Singleline), await officer.GetStringAsync("/admin/referrals"));
        var detail = await officer.GetStringAsync($"/admin/referrals/{reference}");
        Assert.Contains(">Language</dt><dd class=\"govuk-summary-list__value\">Arabic", detail, StringComparison.Ordinal);
        // The officer reads the English form's questions and option labels.
        Assert.Contains("How many times have you reported the anti-social behaviour?", detail, StringComparison.Ordinal);
        Assert.Contains(">Dorset Police<", detail, StringComparison.Ordinal);
        Assert.Contains("ضجيج وصراخ كل ليلة", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("شرطة دورست", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl", "Dla kogo potrzebujesz wsparcia?", "Wybierz, dla kogo potrzebujesz wsparcia", "Jeśli nie możesz mówić")]
    [InlineData("ar", "لمن تحتاج الدعم؟", "اختر لمن تحتاج الدعم", "إذا لم تستطع الكلام")]
    public async Task Find_support_asks_and_answers_in_the_visitors_language(string culture, string question, string error, string emergency)
    {
        using var client = _portal.Browser();
        var start = await client.GetStringAsync($"/{culture}/support");
        Assert.Contains($"href=\"/{culture}/support/who\"", start, StringComparison.Ordinal);
        var who = await client.GetStringAsync($"/{culture}/support/who");
        Assert.Contains(question, who, StringComparison.Ordinal);
        Assert.Contains($"action=\"/{culture}/support/what\"", who, StringComparison.Ordinal);

        using var refused = await client.PostAsync($"/{culture}/support/what", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(who),
        }));
        Assert.Contains(error, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var results = await client.PostAsync($"/{culture}/support/results", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(who),
            ["who"] = "experiencing-abuse",
            ["what"] = "domestic-abuse",
            ["where"] = "poole",
        }));
        var html = await results.Content.ReadAsStringAsync();
        Assert.Contains(emergency, html, StringComparison.Ordinal);
        // The National Domestic Abuse Helpline is still found: the answers' codes are the same in every language.
        Assert.Contains("0808 2000 247", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl", "Znajdź Bezpieczne Miejsce", "Otwarte teraz", "Wpisz kod pocztowy, na przykład BH1 1AA, albo jego pierwszą część, na przykład BH1", "Błąd:", "Zamknięte \u2014 otwarcie: poniedziałek, 09:00", "Wejście bez schodów")]
    [InlineData("ar", "ابحث عن مكان آمن", "مفتوح الآن", "أدخل رمزًا بريديًا، مثل BH1 1AA، أو الجزء الأول منه، مثل BH1", "خطأ:", "مغلق \u2014 يفتح يوم الاثنين الساعة 09:00", "مدخل بدون درجات")]
    public async Task The_Safe_Places_locator_and_its_postcode_error_are_in_the_visitors_language(string culture, string heading, string openNow, string postcodeError, string errorPrefix, string opensMonday, string stepFree)
    {
        // The portal's clock is Friday 27 November 2026, 12:00 UK time: this place closed at 11:00 and opens again on Monday.
        await SafePlacesTests.CreatePlaceAsync(_portal, $"Language Test Shop {culture}", "BH15 1AA", SaferBcp.SafePlaces.Models.BcpArea.Poole, 50.715, -1.98, friday: "09:00-11:00", facilities: SaferBcp.SafePlaces.Models.SafePlaceFacilities.StepFreeAccess);
        using var client = _portal.Browser();

        var list = WebUtility.HtmlDecode(await client.GetStringAsync($"/{culture}/safe-places"));
        Assert.Contains(heading, list, StringComparison.Ordinal);
        Assert.Contains($">{openNow}</label>", list, StringComparison.Ordinal);
        Assert.Contains(opensMonday, list, StringComparison.Ordinal);
        Assert.Contains(stepFree, list, StringComparison.Ordinal);
        Assert.Contains($"action=\"/{culture}/safe-places\"", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{culture}/safe-places/language-test-shop-{culture}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Find a Safe Place", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Opening times checked", list, StringComparison.Ordinal);

        using var refused = await client.GetAsync($"/{culture}/safe-places?postcode=not+a+postcode");
        var error = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"<span class=\"govuk-visually-hidden\">{errorPrefix}</span> {postcodeError}", error, StringComparison.Ordinal);
        Assert.Contains($"<title>{errorPrefix} {heading}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter a postcode, like BH1 1AA", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Safe_Places_page_names_its_days_in_the_visitors_language_and_the_cache_keeps_languages_apart()
    {
        await SafePlacesTests.CreatePlaceAsync(_portal, "Language Cache Cafe", "BH15 1AB", SaferBcp.SafePlaces.Models.BcpArea.Poole, 50.716, -1.981);
        using var client = _portal.Browser();
        const string Page = "/safe-places/language-cache-cafe";

        var english = WebUtility.HtmlDecode(await client.GetStringAsync(Page));
        Assert.Contains(">Monday</th>", english, StringComparison.Ordinal);
        // The same address in Polish right after: the cached English page is not served for it.
        var polish = WebUtility.HtmlDecode(await client.GetStringAsync("/pl" + Page));
        Assert.Contains(">poniedziałek</th>", polish, StringComparison.Ordinal);
        Assert.Contains("Godziny otwarcia", polish, StringComparison.Ordinal);
        Assert.Contains("Otwarte teraz \u2014 zamknięcie o północy", polish, StringComparison.Ordinal);
        Assert.Contains("href=\"/pl/safe-places\"", polish, StringComparison.Ordinal);
        Assert.DoesNotContain(">Monday</th>", polish, StringComparison.Ordinal);
        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync("/ar" + Page));
        Assert.Contains(">الاثنين</th>", arabic, StringComparison.Ordinal);
        Assert.Contains(">Monday</th>", WebUtility.HtmlDecode(await client.GetStringAsync(Page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_survey_list_is_in_the_visitors_language_and_cached_per_language()
    {
        using var client = _portal.Browser();
        var english = await client.GetStringAsync("/surveys");
        Assert.Contains(">Surveys</h1>", english, StringComparison.Ordinal);

        var polish = WebUtility.HtmlDecode(await client.GetStringAsync("/pl/surveys"));
        Assert.Contains(">Ankiety</h1>", polish, StringComparison.Ordinal);
        Assert.Contains("<title>Ankiety", polish, StringComparison.Ordinal);
        Assert.Contains("Ankiety są anonimowe. Nie zapisujemy, kim jesteś ani skąd odpowiadasz.", polish, StringComparison.Ordinal);
        Assert.DoesNotContain("Surveys are anonymous", polish, StringComparison.Ordinal);

        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync("/ar/surveys"));
        Assert.Contains(">الاستبيانات</h1>", arabic, StringComparison.Ordinal);
        Assert.Contains(">Surveys</h1>", await client.GetStringAsync("/surveys"), StringComparison.Ordinal);
    }

    private static async Task AnswerAsync(HttpClient client, string form, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync($"{form}/{page}");
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html);
        using var response = await client.PostAsync($"{form}/{page}", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"the '{page}' page refused the answers: {(int)response.StatusCode}");
    }

    [GeneratedRegex("<html[^>]*>")]
    private static partial Regex HtmlTag();

    /// <summary>A site-menu link to a page of the site that would leave the Polish pages.</summary>
    [GeneratedRegex("class=\"govuk-service-navigation__link\" href=\"/(?!pl/)")]
    private static partial Regex MenuLinkOutsidePolish();
}
