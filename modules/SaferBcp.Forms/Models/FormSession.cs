namespace SaferBcp.Forms.Models;

/// <summary>
/// A person's unfinished (or just submitted) form, kept on the server. The browser holds only a random
/// session id in a session cookie; the row is keyed by a hash of it, and the answers are encrypted.
/// </summary>
public sealed class FormSession
{
    /// <summary>SHA-256 (hex) of the id in the cookie: the database never holds the cookie's value.</summary>
    public string Id { get; set; } = "";

    public string ContentItemId { get; set; } = "";

    /// <summary>The <see cref="FormState"/> as JSON, encrypted with Data Protection.</summary>
    public string ProtectedState { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime LastActivityUtc { get; set; }

    public string? SubmittedReference { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    /// <summary>The handler's "what happens next", shown again if the confirmation page is reloaded.</summary>
    public string? WhatHappensNextMarkdown { get; set; }
}
