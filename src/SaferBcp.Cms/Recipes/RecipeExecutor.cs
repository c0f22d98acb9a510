using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Recipes;

/// <summary>
/// Applies a recipe all-or-nothing: every step is validated first, then all are applied in one
/// transaction; any failure rolls everything back and names the step and the field.
/// </summary>
public sealed class RecipeExecutor
{
    private readonly Dictionary<string, IRecipeStep> _steps;
    private readonly PortalDatabase _database;
    private readonly AuditLog _audit;
    private readonly ILogger<RecipeExecutor> _logger;

    public RecipeExecutor(IEnumerable<IRecipeStep> steps, PortalDatabase database, AuditLog audit, ILogger<RecipeExecutor> logger)
    {
        _steps = steps.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _database = database;
        _audit = audit;
        _logger = logger;
    }

    public IEnumerable<string> StepNames => _steps.Keys.Order();

    public static JsonObject Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new RecipeException("The recipe must be a JSON object with a \"steps\" list.");
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"The recipe is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }
    }

    public IReadOnlyList<RecipeError> Validate(JsonObject recipe)
    {
        var errors = new List<RecipeError>();
        if (recipe["steps"] is not JsonArray steps)
        {
            return [new RecipeError("", -1, "steps", "The recipe must have a \"steps\" list.")];
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var collector = new RecipeErrors(StepName(steps[i]) ?? "?", i);
            if (steps[i] is not JsonObject step)
            {
                collector.Add("", "Each step must be an object with a \"name\".");
            }
            else if (StepName(step) is not { } name)
            {
                collector.Add("name", "is missing");
            }
            else if (!_steps.TryGetValue(name, out var handler))
            {
                collector.Add("name", $"\"{name}\" is not a step this portal knows. Known steps: {string.Join(", ", StepNames)}.");
            }
            else
            {
                handler.Validate(step, collector);
            }

            errors.AddRange(collector.Errors);
        }

        return errors;
    }

    public async Task<RecipeResult> ApplyAsync(string json, string source, CancellationToken cancellationToken = default) =>
        await ApplyAsync(Parse(json), source, cancellationToken);

    public async Task<RecipeResult> ApplyAsync(JsonObject recipe, string source, CancellationToken cancellationToken = default)
    {
        var errors = Validate(recipe);
        if (errors.Count > 0)
        {
            throw new RecipeException(errors);
        }

        var name = recipe["name"]?.GetValue<string>() ?? source;
        var steps = (JsonArray)recipe["steps"]!;
        var results = new List<(string, int)>();
        await using (var transaction = await _database.BeginTransactionAsync(cancellationToken))
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var step = (JsonObject)steps[i]!;
                var stepName = StepName(step)!;
                try
                {
                    results.Add((stepName, await _steps[stepName].ApplyAsync(step, cancellationToken)));
                }
                catch (ContentValidationException ex)
                {
                    throw new RecipeException(ex.Result.Errors.Select(e => new RecipeError(stepName, i, e.Field, e.Message)).ToList());
                }
                catch (RecipeStepException ex)
                {
                    throw new RecipeException([new RecipeError(stepName, i, ex.Field, ex.Message)]);
                }
            }

            var result = new RecipeResult(name, results);
            if (result.TotalChanges > 0)
            {
                await _audit.WriteAsync("recipe.applied", "Recipe", name, $"Recipe \"{name}\" from {source}: {result.TotalChanges} change(s)");
            }

            await transaction.CommitAsync();
            _logger.LogInformation("Recipe {Recipe} applied from {Source} with {Changes} changes", name, source, result.TotalChanges);
            return result;
        }
    }

    public async Task<JsonObject> ExportAsync(CancellationToken cancellationToken = default)
    {
        var steps = new JsonArray();
        foreach (var step in _steps.Values.OrderBy(s => s.Order))
        {
            var exported = await step.ExportAsync(cancellationToken);
            if (exported is not null)
            {
                exported["name"] = step.Name;
                var ordered = new JsonObject { ["name"] = step.Name };
                foreach (var (key, value) in exported.ToList())
                {
                    if (key != "name")
                    {
                        exported.Remove(key);
                        ordered[key] = value;
                    }
                }

                steps.Add(ordered);
            }
        }

        return new JsonObject
        {
            ["name"] = "export",
            ["displayName"] = "Export of the Safer BCP portal",
            ["version"] = "1.0.0",
            ["steps"] = steps,
        };
    }

    private static string? StepName(JsonNode? step) =>
        step is JsonObject obj && obj["name"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>Thrown by a step while applying, naming the field that could not be applied.</summary>
public sealed class RecipeStepException : Exception
{
    public RecipeStepException(string field, string message)
        : base(message) => Field = field;

    public RecipeStepException()
        : this("", "The step could not be applied.")
    {
    }

    public RecipeStepException(string message)
        : this("", message)
    {
    }

    public RecipeStepException(string message, Exception innerException)
        : base(message, innerException) => Field = "";

    public string Field { get; }
}
