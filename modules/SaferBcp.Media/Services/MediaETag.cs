using Microsoft.Net.Http.Headers;

namespace SaferBcp.Media.Services;

/// <summary>
/// A media file's entity tag is the SHA-256 of its bytes: strong, and the same on every node, so a browser's
/// If-None-Match is answered 304 by any node without reading the bytes.
/// </summary>
public static class MediaETag
{
    public static EntityTagHeaderValue For(string sha256) => new($"\"{sha256}\"");

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): a W/ tag of the same bytes matches too.</summary>
    public static bool IsMatchedBy(EntityTagHeaderValue etag, IEnumerable<EntityTagHeaderValue> ifNoneMatch) =>
        ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
}
