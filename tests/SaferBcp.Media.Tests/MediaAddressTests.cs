using SaferBcp.Media.Services;

namespace SaferBcp.Media.Tests;

public sealed class MediaAddressTests
{
    [Theory]
    [InlineData("/media/2026/11/3f2a9c.png")]
    [InlineData("/media/site/hero.png")]
    [InlineData("/media/site/annual report 2023.pdf")]
    public void Addresses_under_media_are_accepted(string url)
    {
        Assert.True(MediaAddress.IsValid(url));
    }

    [Theory]
    [InlineData("/images/hero.png")]
    [InlineData("/media/")]
    [InlineData("/media/../portal.db")]
    [InlineData("/media/site/../../keys/key.xml")]
    [InlineData("/media/./hero.png")]
    [InlineData("/media/site//hero.png")]
    [InlineData("/media/site\\..\\hero.png")]
    [InlineData("/media/hero.png?v=2")]
    [InlineData("/media/hero\n.png")]
    public void Addresses_that_leave_media_or_are_not_plain_paths_are_refused(string url)
    {
        Assert.False(MediaAddress.IsValid(url));
    }

    [Fact]
    public void An_address_longer_than_its_column_is_refused()
    {
        Assert.False(MediaAddress.IsValid("/media/" + new string('a', 200)));
    }
}
