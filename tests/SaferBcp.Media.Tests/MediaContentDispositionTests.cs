using SaferBcp.Media.Models;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Tests;

public sealed class MediaContentDispositionTests
{
    [Fact]
    public void A_pdf_is_a_download_named_as_it_was_uploaded()
    {
        var header = MediaContentDisposition.For(new MediaFile { ContentType = "application/pdf", OriginalName = "annual-report.pdf" });
        Assert.Equal("attachment; filename=annual-report.pdf; filename*=UTF-8''annual-report.pdf", header);
    }

    [Fact]
    public void An_image_is_shown_in_place()
    {
        Assert.Null(MediaContentDisposition.For(new MediaFile { ContentType = "image/png", OriginalName = "pier.png" }));
    }

    [Theory]
    [InlineData("leaflet.pdf", "leaflet.pdf")]
    [InlineData("leaflet.exe", "leaflet.pdf")]
    [InlineData("C:\\Users\\me\\leaflet.pdf", "leaflet.pdf")]
    [InlineData("a\"b<c>.pdf", "abc.pdf")]
    [InlineData("\".pdf", "document.pdf")]
    [InlineData("", "document.pdf")]
    public void The_download_name_is_safe_and_ends_in_pdf(string originalName, string expected)
    {
        Assert.Equal(expected, MediaContentDisposition.DownloadName(originalName));
    }
}
