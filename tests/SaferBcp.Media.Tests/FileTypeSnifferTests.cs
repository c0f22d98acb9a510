using System.Text;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Tests;

public sealed class FileTypeSnifferTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("474946383961", "image/gif")]
    [InlineData("524946461A00000057454250", "image/webp")]
    [InlineData("255044462D312E370A", "application/pdf")]
    public void Files_are_recognised_by_their_first_bytes(string hex, string contentType)
    {
        Assert.Equal(contentType, FileTypeSniffer.Detect(Convert.FromHexString(hex))!.ContentType);
    }

    [Theory]
    [InlineData("MZ\u0090\u0000")]
    [InlineData("<html><script>alert(1)</script>")]
    [InlineData("PK\u0003\u0004 word document")]
    [InlineData("")]
    public void Anything_else_is_not_recognised_whatever_it_is_called(string content)
    {
        Assert.Null(FileTypeSniffer.Detect(Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("\uFEFF  <?xml version=\"1.0\"?><svg/>")]
    [InlineData("<!-- comment --><svg onload=\"x()\"/>")]
    public void Svg_is_spotted_so_it_can_be_refused(string content)
    {
        Assert.True(FileTypeSniffer.LooksLikeSvg(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void A_png_is_not_mistaken_for_svg()
    {
        Assert.False(FileTypeSniffer.LooksLikeSvg(Convert.FromHexString("89504E470D0A1A0A0000000D49484452")));
    }
}
