using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// Receives a finished form of one kind. Called inside the portal's database transaction, which the forms
/// engine commits (with the form session marked submitted) before the confirmation page is shown: save
/// what must not be lost, and queue any notification, through the same transaction.
/// </summary>
public interface IFormSubmissionHandler
{
    /// <summary>The <see cref="FormKind.Name"/> this handler receives.</summary>
    string Kind { get; }

    Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken);
}

/// <summary>
/// A handler whose costly work (encrypting, rendering emails, reading settings) can be done before the transaction
/// begins, so that the database's write lock is held only for the writes. <see cref="PrepareAsync"/> runs outside
/// any transaction and must write nothing; the forms engine then saves the result inside its transaction, or prepares
/// again there if the session changed in between.
/// </summary>
public interface IPreparingFormSubmissionHandler : IFormSubmissionHandler
{
    Task<IPreparedFormSubmission> PrepareAsync(FormSubmission submission, CancellationToken cancellationToken);
}

/// <summary>A submission ready to be written: <see cref="SaveAsync"/> is called once, inside the forms engine's transaction.</summary>
public interface IPreparedFormSubmission
{
    Task<FormSubmissionResult> SaveAsync(CancellationToken cancellationToken);
}

/// <param name="ContentItemId">The form's content item.</param>
/// <param name="Form">The published form the person answered (copy what is needed: it may change later).</param>
/// <param name="Answers">Only the answers to pages that were shown on the person's route.</param>
/// <param name="SubmissionKey">Unique per form session: the same key twice is the same submission (double post).</param>
/// <param name="PossiblyAutomated">
/// The field hidden from people was filled in: perhaps a robot, perhaps browser autofill or an assistive tool. The
/// answers are still a submission (they may be a person's at risk); a handler keeps them as usual and flags them for review.
/// </param>
/// <param name="Culture">The language the person answered in ("en", "pl", "ar"); the form and answers are always the original's (option values, English wording).</param>
public sealed record FormSubmission(string ContentItemId, string Title, FormPart Form, FormAnswers Answers, DateTime SubmittedUtc, string SubmissionKey, bool PossiblyAutomated = false, string Culture = "en")
{
    /// <summary>The form as the person saw it (translated under /pl/…, /ar/…): for what the confirmation page says to her.</summary>
    public FormPart Shown { get; init; } = Form;
}

/// <param name="Reference">Shown on the confirmation page; short and easy to read over the phone.</param>
/// <param name="WhatHappensNextMarkdown">Replaces the form's own "what happens next" when the handler knows better (for example the team's response time).</param>
public sealed record FormSubmissionResult(string Reference, string? WhatHappensNextMarkdown = null);
