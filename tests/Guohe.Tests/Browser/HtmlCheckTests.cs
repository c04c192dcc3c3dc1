namespace Guohe.Tests.Browser;

/// <summary>The well-formedness check of the browser walks finds what it is there to find.</summary>
public sealed class HtmlCheckTests
{
    [Fact]
    public void A_well_formed_page_has_no_errors() =>
        Assert.Empty(Screenshots.HtmlErrors("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><p>正文</p></body></html>"));

    [Theory]
    [InlineData("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><div><p>x</span></div></body></html>")]
    [InlineData("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><table><tr><div>x</div></tr></table></body></html>")]
    [InlineData("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><a href=\"/\" href=\"/x\">x</a></body></html>")]
    public void A_malformed_page_is_reported(string html) =>
        Assert.NotEmpty(Screenshots.HtmlErrors(html));
}
