namespace SaferBcp.Forms.Services;

/// <summary>
/// Told when someone starts a form (their first page of answers is saved) and when they finish it (the submission is
/// committed). Only the form's content item id is passed, never an answer or anything about the person. Called on the
/// request: keep it cheap and never throw.
/// </summary>
public interface IFormJourneyObserver
{
    void Started(string formContentItemId);

    void Completed(string formContentItemId);
}
