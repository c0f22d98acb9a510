using System.Text.Json.Nodes;

namespace SaferBcp.Cms.Recipes;

/// <summary>
/// One kind of recipe step ("settings", "roles", "content", "menus", "media", ...). A step validates
/// its JSON before anything is applied, applies only what differs from the site (so re-applying a
/// recipe changes nothing), and can export the site's current state as a step.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    /// <summary>Export order: steps that others depend on (roles before users, media before content) come first.</summary>
    int Order { get; }

    void Validate(JsonObject step, RecipeErrors errors);

    /// <summary>Applies the step inside the recipe's transaction; returns the number of things changed.</summary>
    Task<int> ApplyAsync(JsonObject step, CancellationToken cancellationToken);

    /// <summary>The site's current state as a step, or null when this step is not exported.</summary>
    Task<JsonObject?> ExportAsync(CancellationToken cancellationToken);
}

/// <summary>Collects validation errors for one step, each naming the field.</summary>
public sealed class RecipeErrors
{
    private readonly List<RecipeError> _errors = [];

    public RecipeErrors(string stepName, int stepIndex)
    {
        StepName = stepName;
        StepIndex = stepIndex;
    }

    public string StepName { get; }

    public int StepIndex { get; }

    public IReadOnlyList<RecipeError> Errors => _errors;

    public void Add(string field, string message) => _errors.Add(new RecipeError(StepName, StepIndex, field, message));
}

public sealed record RecipeError(string Step, int StepIndex, string Field, string Message)
{
    public override string ToString() => $"Step {StepIndex + 1} (\"{Step}\"), field \"{Field}\": {Message}";
}

public sealed class RecipeException : Exception
{
    public RecipeException(IReadOnlyList<RecipeError> errors)
        : base(errors.Count == 0 ? "The recipe is not valid." : "The recipe was not applied. " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    public RecipeException()
        : this([])
    {
    }

    public RecipeException(string message)
        : base(message)
    {
        Errors = [new RecipeError("", -1, "", message)];
    }

    public RecipeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RecipeError("", -1, "", message)];
    }

    public IReadOnlyList<RecipeError> Errors { get; }
}

public sealed record RecipeResult(string Name, IReadOnlyList<(string Step, int Changes)> Steps)
{
    public int TotalChanges => Steps.Sum(s => s.Changes);
}
