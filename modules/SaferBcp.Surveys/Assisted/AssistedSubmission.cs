using SaferBcp.Cms.Audit;
using SaferBcp.Forms.Services;

namespace SaferBcp.Surveys.Assisted;

/// <summary>
/// Decides, inside the forms engine's transaction, whether a survey being sent was entered by staff in assisted mode,
/// and if so writes to the audit log who entered a response to which survey: never which response, its channel or
/// organisation (with the time, they could pick the response out).
/// </summary>
public sealed class AssistedSubmission
{
    public const string AuditAction = "survey.response.assisted";
    private readonly AssistedTickets _tickets;
    private readonly AuditLog _audit;

    public AssistedSubmission(AssistedTickets tickets, AuditLog audit)
    {
        _tickets = tickets;
        _audit = audit;
    }

    public async Task<AssistedTicket?> ClaimAsync(FormSubmission submission)
    {
        if (await _tickets.ForSubmissionAsync(submission) is not { } ticket)
        {
            return null;
        }

        await _audit.WriteAsync(AuditAction, "Survey", submission.ContentItemId, $"Entered a response for someone to \"{submission.Title}\"");
        return ticket;
    }
}
