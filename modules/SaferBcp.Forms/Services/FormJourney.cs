using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// The route through a form for the answers given: which pages are shown (their conditions hold on
/// answers from pages already on the route), where the journey ends (a shown interruption that ends it),
/// the next and previous pages, and which answers count.
/// </summary>
public sealed class FormJourney
{
    private readonly FormPart _form;

    public FormJourney(FormPart form) => _form = form;

    public FormPart Form => _form;

    public FormPage? FirstPage => Route(new FormAnswers()) is { Count: > 0 } route ? route[0] : null;

    public FormPage? FindPage(string pageId) => _form.Pages.FirstOrDefault(p => p.Id == pageId);

    /// <summary>The pages shown, in order, up to and including an interruption that ends the journey.</summary>
    public IReadOnlyList<FormPage> Route(FormAnswers answers)
    {
        var route = new List<FormPage>();
        var counted = new FormAnswers();
        foreach (var page in _form.Pages)
        {
            if (!page.ShowWhen.All(c => Holds(c, counted)))
            {
                continue;
            }

            route.Add(page);
            if (page.EndsJourney)
            {
                break;
            }

            foreach (var question in page.Questions)
            {
                if (answers.Values.TryGetValue(question.Id, out var values))
                {
                    counted.Set(question.Id, values);
                }
            }
        }

        return route;
    }

    public bool IsOnRoute(string pageId, FormAnswers answers) => Route(answers).Any(p => p.Id == pageId);

    /// <summary>The interruption that ends the journey on this route, if the route reaches one.</summary>
    public FormPage? EndedAt(FormAnswers answers) => Route(answers) is { Count: > 0 } route && route[^1].EndsJourney ? route[^1] : null;

    /// <summary>The page after this one on the route; null when the next step is checking the answers (or the journey has ended).</summary>
    public FormPage? Next(string pageId, FormAnswers answers)
    {
        var route = Route(answers);
        var index = IndexOf(route, pageId);
        return index >= 0 && index + 1 < route.Count ? route[index + 1] : null;
    }

    /// <summary>The page before this one on the route (for the back link); null for the first page.</summary>
    public FormPage? Previous(string pageId, FormAnswers answers)
    {
        var route = Route(answers);
        var index = IndexOf(route, pageId);
        return index > 0 ? route[index - 1] : null;
    }

    /// <summary>The first page on the route not yet completed (an ending interruption counts as not completed); null when all are.</summary>
    public FormPage? FirstIncomplete(FormState state) =>
        Route(state.Answers).FirstOrDefault(p => p.EndsJourney || !state.CompletedPages.Contains(p.Id));

    /// <summary>Whether every page before this one on the route is completed, so the page may be shown.</summary>
    public bool CanShow(string pageId, FormState state)
    {
        var route = Route(state.Answers);
        var index = IndexOf(route, pageId);
        return index >= 0 && route.Take(index).All(p => !p.EndsJourney && state.CompletedPages.Contains(p.Id));
    }

    /// <summary>Only the answers to questions on pages of the route: a changed answer drops a branch no longer taken.</summary>
    public FormAnswers AnswersOnRoute(FormAnswers answers)
    {
        var kept = new FormAnswers();
        foreach (var question in Route(answers).Where(p => !p.EndsJourney).SelectMany(p => p.Questions))
        {
            if (answers.Values.TryGetValue(question.Id, out var values) && values.Count > 0)
            {
                kept.Set(question.Id, values);
            }
        }

        return kept;
    }

    public static bool Holds(FormCondition condition, FormAnswers answers)
    {
        var given = answers.All(condition.QuestionId);
        return condition.Operator switch
        {
            ConditionOperator.Answered => given.Any(v => !string.IsNullOrEmpty(v)),
            ConditionOperator.NoneOf => !given.Any(condition.Values.Contains),
            _ => given.Any(condition.Values.Contains),
        };
    }

    private static int IndexOf(IReadOnlyList<FormPage> route, string pageId)
    {
        for (var i = 0; i < route.Count; i++)
        {
            if (route[i].Id == pageId)
            {
                return i;
            }
        }

        return -1;
    }
}
