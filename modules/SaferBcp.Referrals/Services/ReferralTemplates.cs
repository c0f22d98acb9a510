using SaferBcp.Email.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>The two emails a referral sends. Neither ever holds the person's name, contact details or answers.</summary>
public static class ReferralTemplates
{
    public const string TeamNotification = "referral-team-notification";
    public const string Acknowledgement = "referral-acknowledgement";

    public static readonly EmailTemplateDefinition TeamNotificationTemplate = new(
        TeamNotification,
        "Referral: team notification",
        "{{ priority }} referral {{ reference }}",
        """
        A new referral has arrived for your team.

        Reference: {{ reference }}
        Form: {{ form_title }}
        Priority: {{ priority }}
        {% if response_time != "" %}We told the person we aim to contact them {{ response_time }}.{% else %}The team has no response time set, so the person was not told one.{% endif %}

        Open it in the secure inbox (you will need to sign in):
        {{ inbox_link }}

        This email does not contain the person's details. Do not forward it outside your team.
        """,
        [
            new("reference", "The referral's reference, like SB-7K4M-Q9"),
            new("form_title", "The name of the form, like 'Domestic abuse: support for me'"),
            new("priority", "Urgent or Standard"),
            new("response_time", "The team's response time as set in Referral routing, or empty when none is set"),
            new("inbox_link", "The address of the referral in the secure inbox"),
        ]);

    public static readonly EmailTemplateDefinition AcknowledgementTemplate = new(
        Acknowledgement,
        "Referral: acknowledgement to the person",
        "We have received your message",
        """
        We have received your message. Your reference is {{ reference }}.

        {% if response_time != "" %}We aim to be in touch {{ response_time }}, only in the ways you told us are safe.{% else %}We will be in touch only in the ways you told us are safe.{% endif %}
        """,
        [
            new("reference", "The referral's reference, like SB-7K4M-Q9"),
            new("response_time", "When the team will be in touch, as set in Referral routing, or empty when none is set"),
        ]);
}
