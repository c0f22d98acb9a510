using Microsoft.Net.Http.Headers;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Tests;

public sealed class MediaETagTests
{
    private const string Sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void The_tag_is_the_content_hash_and_strong()
    {
        var etag = MediaETag.For(Sha256);
        Assert.Equal($"\"{Sha256}\"", etag.ToString());
        Assert.False(etag.IsWeak);
    }

    [Fact]
    public void The_content_hash_is_sha256_in_lower_case_hex()
    {
        Assert.Equal(Sha256, MediaContentHash.Of("abc"u8.ToArray()));
    }

    [Theory]
    [InlineData($"\"{Sha256}\"")]
    [InlineData($"W/\"{Sha256}\"")]
    [InlineData($"\"other\", \"{Sha256}\"")]
    [InlineData("*")]
    public void If_none_match_with_this_tag_among_others_matches(string header)
    {
        Assert.True(MediaETag.IsMatchedBy(MediaETag.For(Sha256), EntityTagHeaderValue.ParseList([header])));
    }

    [Theory]
    [InlineData("\"ba7816bf\"")]
    [InlineData("\"other\"")]
    public void If_none_match_with_other_tags_does_not_match(string header)
    {
        Assert.False(MediaETag.IsMatchedBy(MediaETag.For(Sha256), EntityTagHeaderValue.ParseList([header])));
    }

    [Fact]
    public void No_if_none_match_does_not_match()
    {
        Assert.False(MediaETag.IsMatchedBy(MediaETag.For(Sha256), []));
    }
}
