using SaferBcp.Media.Services;

namespace SaferBcp.Media.Tests;

public sealed class LegacyMediaFolderTests
{
    private readonly LegacyMediaFolder _folder = new(Path.Combine(Path.GetTempPath(), "data", "media"));

    [Fact]
    public void An_address_maps_to_its_file_in_the_old_folder()
    {
        Assert.Equal(Path.Combine(_folder.Root, "2026", "11", "abc.png"), _folder.FileFor("/media/2026/11/abc.png"));
    }

    [Theory]
    [InlineData("/media/../portal.db")]
    [InlineData("/media/2026/../../keys/key.xml")]
    [InlineData("/other/abc.png")]
    public void An_address_that_would_leave_the_folder_has_no_file(string url)
    {
        Assert.Null(_folder.FileFor(url));
    }
}
