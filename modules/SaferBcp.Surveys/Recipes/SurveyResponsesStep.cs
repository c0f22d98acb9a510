using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Recipes;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Surveys.Recipes;

/// <summary>
/// Sample responses for a survey, for the demo recipe only, so results and exports can be tried at once:
/// <code>{ "name": "survey-responses", "survey": "demo-survey", "responses": [ { "daysAgo": 3, "answers": { "feel-safe": "fairly-safe" } } ] }</code>
/// Each response goes through the same handler as a resident's, so it is stored exactly as theirs are. The
/// survey must be open, and the responses are added only while the survey has none (applying the recipe again
/// adds nothing). Responses are never exported.
/// </summary>
public sealed class SurveyResponsesStep : IRecipeStep
{
    private const int MaxDaysAgo = 3650;
    private readonly SurveyCatalog _catalog;
    private readonly SurveysDbContext _db;
    private readonly IEnumerable<IFormSubmissionHandler> _handlers;
    private readonly TimeProvider _clock;

    public SurveyResponsesStep(SurveyCatalog catalog, SurveysDbContext db, IEnumerable<IFormSubmissionHandler> handlers, TimeProvider clock)
    {
        _catalog = catalog;
        _db = db;
        _handlers = handlers;
        _clock = clock;
    }

    public string Name => "survey-responses";

    public int Order => 70;

    public void Validate(JsonObject step, RecipeErrors errors)
    {
        RecipeJson.Text(step, "survey", "", errors, maxLength: 200);
        if (step["responses"] is not JsonArray responses)
        {
            errors.Add("responses", "is missing: it must be a list of responses");
            return;
        }

        for (var i = 0; i < responses.Count; i++)
        {
            var path = $"responses[{i}]";
            if (responses[i] is not JsonObject response || response["answers"] is not JsonObject answers)
            {
                errors.Add(path, "must be an object with \"answers\"");
                continue;
            }

            if (response["daysAgo"] is { } days && (days is not JsonValue value || !value.TryGetValue<int>(out var n) || n < 0 || n > MaxDaysAgo))
            {
                errors.Add($"{path}.daysAgo", $"must be a whole number from 0 to {MaxDaysAgo}");
            }

            foreach (var (question, answer) in answers)
            {
                if (Values(answer) is null)
                {
                    errors.Add($"{path}.answers.{question}", "must be text or a list of text");
                }
            }
        }
    }

    public async Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var id = step["survey"]!.GetValue<string>();
        var survey = await _catalog.FindAsync(id, cancellationToken)
            ?? throw new RecipeStepException("survey", $"There is no survey \"{id}\". Add it with a \"content\" step first");
        if (!survey.AcceptsResponses)
        {
            throw new RecipeStepException("survey", $"The survey \"{id}\" is not open, so it cannot have responses");
        }

        if (await _db.Responses.AnyAsync(r => r.SurveyContentItemId == id, cancellationToken))
        {
            return 0;
        }

        var handler = _handlers.First(h => h.Kind == SurveyKind.Name);
        var questions = survey.Form.Pages.SelectMany(p => p.Questions).ToDictionary(q => q.Id, StringComparer.Ordinal);
        var responses = (JsonArray)step["responses"]!;
        for (var i = 0; i < responses.Count; i++)
        {
            var response = (JsonObject)responses[i]!;
            var answers = new FormAnswers();
            foreach (var (questionId, answer) in (JsonObject)response["answers"]!)
            {
                if (!questions.ContainsKey(questionId))
                {
                    throw new RecipeStepException($"responses[{i}].answers.{questionId}", $"The survey has no question \"{questionId}\"");
                }

                answers.Set(questionId, Values(answer)!);
            }

            var daysAgo = response["daysAgo"]?.GetValue<int>() ?? 0;
            var submitted = _clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo);
            await handler.SubmitAsync(new FormSubmission(id, survey.Title, survey.Form, answers, submitted, $"recipe-{id}-{i}"), cancellationToken);
        }

        return responses.Count;
    }

    public Task<JsonObject?> ExportAsync(CancellationToken cancellationToken) => Task.FromResult<JsonObject?>(null);

    private static List<string>? Values(JsonNode? answer) => answer switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        JsonArray list when list.All(a => a is JsonValue av && av.TryGetValue<string>(out _)) => [.. list.Select(a => a!.GetValue<string>())],
        _ => null,
    };
}
