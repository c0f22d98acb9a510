using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Security;
using SaferBcp.Support.Services;

namespace SaferBcp.Support.Controllers;

/// <summary>
/// "Find support": a start page, three questions and the results. The answers are not personal data but they
/// reveal what is happening to someone, so they travel only in the body of form posts (hidden fields): never in
/// an address (browser history, server logs), a cookie or the database. Every page is no-store, so the back
/// button and the browser cache cannot show them again. Each question's form posts to the next step's address,
/// which checks the answer and shows the question again with an error when nothing was chosen.
/// </summary>
public sealed class SupportFinderController : Controller
{
    private readonly IStringLocalizer<SupportText> T;

    public SupportFinderController(IStringLocalizer<SupportText> localizer) => T = localizer;

    [HttpGet("/support")]
    public IActionResult Start()
    {
        Sensitive(T["Find support"]);
        return View("~/Views/SupportFinder/Start.cshtml");
    }

    [HttpGet("/support/who")]
    public IActionResult Who() => Question(0, new FinderAnswers(null, null, null), error: false);

    // There is nothing to show at these addresses without the earlier answers, which a GET never carries.
    [HttpGet("/support/what")]
    [HttpGet("/support/where")]
    [HttpGet("/support/results")]
    public IActionResult Restart() => Redirect(HttpContext.LocalUrl("/support/who"));

    /// <summary>The first question again with the answers so far (from a back link).</summary>
    [HttpPost("/support/who")]
    public IActionResult WhoAgain([FromForm] string? who, [FromForm] string? what, [FromForm] string? where) =>
        Step(0, new FinderAnswers(who, what, where), showingIndex: 0);

    [HttpPost("/support/what")]
    public IActionResult What([FromForm] string? who, [FromForm] string? what, [FromForm] string? where) =>
        Step(1, new FinderAnswers(who, what, where), showingIndex: 1);

    [HttpPost("/support/where")]
    public IActionResult Where([FromForm] string? who, [FromForm] string? what, [FromForm] string? where) =>
        Step(2, new FinderAnswers(who, what, where), showingIndex: 2);

    [HttpPost("/support/results")]
    public async Task<IActionResult> Results([FromForm] string? who, [FromForm] string? what, [FromForm] string? where, [FromServices] ServiceFinder finder)
    {
        var answers = new FinderAnswers(who, what, where).Cleaned();
        if (FirstUnanswered(answers, FinderQuestions.All.Count) is { } missing)
        {
            return Question(missing, answers, error: true);
        }

        var results = await finder.FindAsync(answers);
        Sensitive(T["Support you can get"]);
        return View("~/Views/SupportFinder/Results.cshtml", results);
    }

    /// <summary>Shows question <paramref name="showingIndex"/> once the questions before <paramref name="answeredUpTo"/> are answered.</summary>
    private ViewResult Step(int answeredUpTo, FinderAnswers posted, int showingIndex)
    {
        var answers = posted.Cleaned();
        if (FirstUnanswered(answers, answeredUpTo) is { } missing)
        {
            return Question(missing, answers, error: true);
        }

        return Question(showingIndex, answers, error: false);
    }

    private static int? FirstUnanswered(FinderAnswers answers, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (answers[FinderQuestions.All[i].Field] is null)
            {
                return i;
            }
        }

        return null;
    }

    private ViewResult Question(int index, FinderAnswers answers, bool error)
    {
        var question = FinderQuestions.All[index];
        var model = new FinderQuestionViewModel(
            question,
            answers,
            index + 1,
            PostUrl: index + 1 < FinderQuestions.All.Count ? "/support/" + FinderQuestions.All[index + 1].Step : "/support/results",
            BackPostUrl: index == 0 ? null : "/support/" + FinderQuestions.All[index - 1].Step,
            Error: error ? T[question.ErrorMessage].Value : null);
        Sensitive((error ? T["Error:"] + " " : "") + T[question.Heading] + " \u2013 " + T["Find support"]);
        return View("~/Views/SupportFinder/Question.cshtml", model);
    }

    private void Sensitive(string title)
    {
        SecurityHeadersMiddleware.NoStore(Response);
        ViewData["Sensitive"] = true;
        ViewData["Title"] = title;
    }
}

public sealed record FinderQuestionViewModel(FinderQuestion Question, FinderAnswers Answers, int Number, string PostUrl, string? BackPostUrl, string? Error)
{
    public int Count => FinderQuestions.All.Count;

    /// <summary>The other answers, carried forward and back in hidden fields.</summary>
    public IEnumerable<KeyValuePair<string, string>> Carried =>
        FinderQuestions.All.Where(q => q != Question && Answers[q.Field] is not null).Select(q => new KeyValuePair<string, string>(q.Field, Answers[q.Field]!));
}
