namespace SaferBcp.Cms.Content;

/// <summary>Reacts to content lifecycle events (module index tables, cache eviction, search).</summary>
public interface IContentHandler
{
    Task PublishedAsync(ContentItem item) => Task.CompletedTask;

    Task UnpublishedAsync(ContentItem item) => Task.CompletedTask;

    Task DraftSavedAsync(ContentItem item) => Task.CompletedTask;
}

/// <summary>Checks a content item before it is saved. Errors are keyed by field so editors can show them beside it.</summary>
public interface IContentValidator
{
    Task ValidateAsync(ContentItem item, ContentValidationResult result);
}

public sealed class ContentValidationResult
{
    private readonly List<(string Field, string Message)> _errors = [];

    public IReadOnlyList<(string Field, string Message)> Errors => _errors;

    public bool Succeeded => _errors.Count == 0;

    public void Add(string field, string message) => _errors.Add((field, message));

    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Field}: {e.Message}"));
}

/// <summary>Thrown when a content operation is refused; carries the field errors.</summary>
public sealed class ContentValidationException : Exception
{
    public ContentValidationException(ContentValidationResult result)
        : base(result.ToString())
    {
        Result = result;
    }

    public ContentValidationException(string field, string message)
        : this(Single(field, message))
    {
    }

    public ContentValidationException()
        : this(new ContentValidationResult())
    {
    }

    public ContentValidationException(string message)
        : this("", message)
    {
    }

    public ContentValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Result = Single("", message);
    }

    public ContentValidationResult Result { get; }

    private static ContentValidationResult Single(string field, string message)
    {
        var result = new ContentValidationResult();
        result.Add(field, message);
        return result;
    }
}
