using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Hosting;
using SaferBcp.Email.Models;
using SaferBcp.Email.Services;
using SaferBcp.Forms.Services;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// Receives a finished referral form: routes it, encrypts its answers and renders its emails before the forms engine's
/// transaction, then stores it and queues the team notification (and, only when the person said email is safe, an
/// acknowledgement) in that transaction. Nothing personal goes to a log, the audit log or an email.
/// </summary>
public sealed class ReferralSubmissionHandler : IPreparingFormSubmissionHandler
{
    private readonly ReferralsDbContext _db;
    private readonly RoutingStore _routing;
    private readonly ReferralProtector _protector;
    private readonly ReferralNotifier _notifier;
    private readonly AuditLog _audit;
    private readonly ILogger<ReferralSubmissionHandler> _logger;

    public ReferralSubmissionHandler(ReferralsDbContext db, RoutingStore routing, ReferralProtector protector, ReferralNotifier notifier, AuditLog audit, ILogger<ReferralSubmissionHandler> logger)
    {
        _db = db;
        _routing = routing;
        _protector = protector;
        _notifier = notifier;
        _audit = audit;
        _logger = logger;
    }

    public string Kind => ReferralKind.Name;

    public async Task<FormSubmissionResult> SubmitAsync(FormSubmission submission, CancellationToken cancellationToken) =>
        await (await PrepareAsync(submission, cancellationToken)).SaveAsync(cancellationToken);

    /// <summary>
    /// Routes, draws a reference, encrypts the answers and renders and encrypts the emails: reads only, so the forms
    /// engine does it before its transaction. (A reference drawn here could be taken by another submission before
    /// this one saves; the unique index then fails the save, and the person is asked to try again with her answers kept.)
    /// </summary>
    public async Task<IPreparedFormSubmission> PrepareAsync(FormSubmission submission, CancellationToken cancellationToken)
    {
        var table = await _routing.LoadAsync(cancellationToken);
        var today = DateOnly.FromDateTime(UkTime.FromUtc(submission.SubmittedUtc));
        var facts = AnswerTags.Read(submission.Form.Slug, submission.Form, submission.Answers, today);
        var route = ReferralRouter.Route(facts, table);

        var referral = new Referral
        {
            Reference = await NewReferenceAsync(cancellationToken),
            SubmissionKey = submission.SubmissionKey,
            FormContentItemId = submission.ContentItemId,
            FormSlug = submission.Form.Slug,
            FormTitle = submission.Title,
            TeamId = route.Team.Id,
            CopyTeamId = route.CopyTeam?.Id,
            Priority = route.Priority,
            Status = ReferralStatus.New,
            Under18 = facts.Under18,
            PossiblyAutomated = submission.PossiblyAutomated,
            Language = submission.Culture,
            ReceivedUtc = submission.SubmittedUtc,
            UpdatedUtc = submission.SubmittedUtc,
            RuleId = route.Rule?.Id,
            ProtectedRoutingReason = _protector.Protect(route.Reason),
            ProtectedAnswers = _protector.ProtectAnswers(AnswersSnapshotBuilder.Build(submission.Form, submission.Answers)),
        };
        referral.Events.Add(new ReferralEvent
        {
            OccurredUtc = submission.SubmittedUtc,
            Description = $"Received and sent to {route.Team.Name}" + (route.CopyTeam is null ? "" : $" (copy to {route.CopyTeam.Name})"),
            UserName = "portal",
        });
        if (submission.PossiblyAutomated)
        {
            referral.Events.Add(new ReferralEvent
            {
                OccurredUtc = submission.SubmittedUtc,
                Description = "Flagged as a possible automated submission: a field hidden from people was filled in",
                UserName = "portal",
            });
        }

        var emails = new List<PreparedEmail>();
        emails.AddRange(await _notifier.PrepareTeamNotificationAsync(referral, route.Team, cancellationToken));
        if (route.CopyTeam is not null)
        {
            emails.AddRange(await _notifier.PrepareTeamNotificationAsync(referral, route.CopyTeam, cancellationToken));
        }

        if (AnswerTags.SafeEmailAddress(submission.Form, submission.Answers) is { } address)
        {
            emails.Add(await _notifier.PrepareAcknowledgementAsync(address, referral.Reference, route.Team.ResponseTime, cancellationToken));
        }

        return new PreparedReferral(this, submission, referral, route.Team, emails);
    }

    private sealed record PreparedReferral(ReferralSubmissionHandler Handler, FormSubmission Submission, Referral Referral, Team Team, IReadOnlyList<PreparedEmail> Emails) : IPreparedFormSubmission
    {
        public Task<FormSubmissionResult> SaveAsync(CancellationToken cancellationToken) => Handler.SaveAsync(this, cancellationToken);
    }

    /// <summary>The writes, inside the forms engine's transaction: the referral, its emails and the audit entry.</summary>
    private async Task<FormSubmissionResult> SaveAsync(PreparedReferral prepared, CancellationToken cancellationToken)
    {
        var (submission, referral) = (prepared.Submission, prepared.Referral);
        var existing = await _db.Referrals.AsNoTracking().Where(r => r.SubmissionKey == submission.SubmissionKey)
            .Select(r => new { r.Reference, r.TeamId }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            var team = await _db.Teams.AsNoTracking().FirstAsync(t => t.Id == existing.TeamId, cancellationToken);
            return Result(submission, existing.Reference, team);
        }

        _db.Referrals.Add(referral);
        await _db.SaveChangesAsync(cancellationToken);
        foreach (var email in prepared.Emails)
        {
            await _notifier.EnqueueAsync(email, cancellationToken);
        }

        await _audit.WriteAsync("referral.received", "Referral", referral.Reference, $"Sent to team {prepared.Team.Id}, {referral.Priority}" + (referral.PossiblyAutomated ? ", flagged as a possible automated submission" : ""), "portal");
        _logger.LogInformation("Referral {Reference} received for team {TeamId} with priority {Priority}", referral.Reference, prepared.Team.Id, referral.Priority);
        return Result(submission, referral.Reference, prepared.Team);
    }

    private async Task<string> NewReferenceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var reference = ReferenceGenerator.Next();
            if (!await _db.Referrals.AnyAsync(r => r.Reference == reference, cancellationToken))
            {
                return reference;
            }
        }
    }

    private static FormSubmissionResult Result(FormSubmission submission, string reference, Team team) =>
        new(reference, WhatHappensNext(submission.Shown.WhatHappensNextMarkdown, team));

    /// <summary>
    /// The form's own "what happens next", then the team's public name and response time, each only if staff have
    /// set it: the portal never names a team or promises a time the partnership has not agreed. (The confirmation
    /// page itself always says what to do in an emergency.)
    /// </summary>
    public static string WhatHappensNext(string formText, Team team)
    {
        var who = string.IsNullOrWhiteSpace(team.PublicName) ? "" : $"Your referral has gone to {team.PublicName.Trim()}.";
        var when = string.IsNullOrWhiteSpace(team.ResponseTime) ? "" : $"We aim to contact you {team.ResponseTime.Trim()}, only in the ways you told us are safe.";
        return string.Join("\n\n", new[] { formText.Trim(), who, when }.Where(s => s.Length > 0));
    }
}

/// <summary>Queues the emails about a referral through the outbox (same transaction as the referral).</summary>
public sealed class ReferralNotifier
{
    private readonly IEmailOutbox _outbox;
    private readonly IEmailTemplateRenderer _templates;
    private readonly PublicAddress _address;

    public ReferralNotifier(IEmailOutbox outbox, IEmailTemplateRenderer templates, PublicAddress address)
    {
        _outbox = outbox;
        _templates = templates;
        _address = address;
    }

    public async Task NotifyTeamAsync(Referral referral, Team team, CancellationToken cancellationToken = default)
    {
        foreach (var email in await PrepareTeamNotificationAsync(referral, team, cancellationToken))
        {
            await _outbox.EnqueueAsync(email, cancellationToken);
        }
    }

    /// <summary>Renders and encrypts the team's notification, one message per address; writes nothing.</summary>
    public async Task<IReadOnlyList<PreparedEmail>> PrepareTeamNotificationAsync(Referral referral, Team team, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, object?>
        {
            ["reference"] = referral.Reference,
            ["form_title"] = referral.FormTitle,
            ["priority"] = referral.Priority.ToString(),
            ["response_time"] = team.ResponseTime,
            ["inbox_link"] = _address.Absolute("/admin/referrals/" + referral.Reference),
        };
        var email = await _templates.RenderAsync(ReferralTemplates.TeamNotification, variables, cancellationToken);
        return team.Addresses.Select(address => _outbox.Prepare(new EmailMessage(address, email.Subject, email.TextBody, ReferralTemplates.TeamNotification))).ToList();
    }

    public async Task<PreparedEmail> PrepareAcknowledgementAsync(string address, string reference, string responseTime, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, object?> { ["reference"] = reference, ["response_time"] = responseTime };
        var email = await _templates.RenderAsync(ReferralTemplates.Acknowledgement, variables, cancellationToken);
        return _outbox.Prepare(new EmailMessage(address, email.Subject, email.TextBody, ReferralTemplates.Acknowledgement));
    }

    public Task EnqueueAsync(PreparedEmail email, CancellationToken cancellationToken = default) => _outbox.EnqueueAsync(email, cancellationToken);
}
