using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Receives a finished survey inside the forms engine's transaction. Stores the answers, encrypted, with the UK day
/// only; contact details someone chose to give go, encrypted, to a separate table with nothing linking them back
/// (<see cref="SurveyContactFiling"/>).
/// Double posts are stopped by the engine (it claims the form session and marks it submitted in the same
/// transaction), so the submission key is not stored.
/// </summary>
public sealed class SurveySubmissionHandler : IFormSubmissionHandler
{
    public static readonly string[] ContactTags = ["contact-opt-in", "contact-name", "contact-email", "contact-phone"];

    private readonly SurveysDbContext _db;
    private readonly SurveyCatalog _catalog;
    private readonly Cms.Data.PortalDatabase _database;
    private readonly SurveyIndicatorSignal _indicators;
    private readonly SurveyProtector _protector;
    private readonly SurveyContactFiling _contacts;
    private readonly Assisted.AssistedSubmission _assisted;

    public SurveySubmissionHandler(SurveysDbContext db, SurveyCatalog catalog, Cms.Data.PortalDatabase database, SurveyIndicatorSignal indicators, SurveyProtector protector, SurveyContactFiling contacts, Assisted.AssistedSubmission assisted)
    {
        _assisted = assisted;
        _db = db;
        _protector = protector;
        _contacts = contacts;
        _catalog = catalog;
        _database = database;
        _indicators = indicators;
    }

    public string Kind => SurveyKind.Name;

    public async Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken)
    {
        var survey = await _catalog.FindAsync(submission.ContentItemId, cancellationToken);
        if (survey is null || !survey.AcceptsResponses)
        {
            // Someone was mid-journey when the survey closed: nothing is stored.
            throw new SurveyClosedException(survey is null ? "This survey is closed" : SurveySchedule.RefusalMessage(survey.Status, survey.Survey));
        }

        var day = DateOnly.FromDateTime(Cms.Content.UkTime.FromUtc(submission.SubmittedUtc));
        var (answers, contact) = Split(submission.Form, submission.Answers);
        if (await _assisted.ClaimAsync(submission) is { } assisted)
        {
            Assisted.AssistedMarks.Mark(answers, assisted.Channel, assisted.Organisation);
            day = Assisted.AssistedMarks.Month(day);
        }

        // Encrypted before the id-order lock, so the lock is held for the writes only.
        var protectedAnswers = _protector.ProtectAnswers(answers);
        var protectedContact = contact is null ? null : _protector.ProtectContact(contact);

        // Results catch up by response id, so responses are stored in id order.
        await _database.WriteInIdOrderAsync(Cms.Data.DatabaseLocks.SurveyResponses, cancellationToken);
        _db.Responses.Add(new SurveyResponse
        {
            SurveyContentItemId = submission.ContentItemId,
            ResponseDate = day,
            AnswersJson = protectedAnswers,
        });

        if (protectedContact is not null)
        {
            await _contacts.FileAsync(new SurveyContact
            {
                SurveyContentItemId = submission.ContentItemId,
                ReceivedOn = SurveyContact.MonthOf(day),
                ProtectedDetails = protectedContact,
            }, cancellationToken);
        }

        await _db.SaveChangesAsync(cancellationToken);

        // The survey's dataset figures are worked out again in the background, once the response is committed.
        var surveyId = submission.ContentItemId;
        _database.AfterCommit(() => _indicators.Notify(surveyId, day));
        return new FormSubmissionResult("", null);
    }

    /// <summary>Takes the contact questions out of the answers; a contact only when she said yes and gave a way to reach her.</summary>
    internal static (Dictionary<string, List<string>> Answers, ContactDetails? Contact) Split(FormPart form, FormAnswers answers)
    {
        var byTag = form.Pages.SelectMany(p => p.Questions).Where(q => q.Tag is not null && ContactTags.Contains(q.Tag)).ToList();
        var kept = new Dictionary<string, List<string>>(answers.Values, StringComparer.Ordinal);
        string? Value(string tag) => byTag.Where(q => q.Tag == tag).Select(q => answers.First(q.Id)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        var optedIn = Value("contact-opt-in") is "yes" or null && byTag.Any(q => q.Tag != "contact-opt-in" && answers.First(q.Id) is { Length: > 0 });
        var contact = optedIn ? new ContactDetails(Value("contact-name"), Value("contact-email"), Value("contact-phone")) : null;
        if (contact is { Email: null, Phone: null })
        {
            contact = null;
        }

        foreach (var question in byTag)
        {
            kept.Remove(question.Id);
        }

        return (kept, contact);
    }
}

public sealed class SurveyClosedException(string message) : InvalidOperationException(message);
