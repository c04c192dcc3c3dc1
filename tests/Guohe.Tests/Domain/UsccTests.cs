using Guohe.Domain.Common;
using Guohe.Domain.Organisations;

namespace Guohe.Tests.Domain;

public class UsccTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData(" 91350100m000100y43 ")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３")]
    public void Uscc_valid_code_parses_to_canonical_form(string text)
    {
        Assert.True(Uscc.TryParse(text, out var uscc, out var problem));
        Assert.Null(problem);
        Assert.Equal("91350100M000100Y43", uscc.Value);
    }

    [Theory]
    [InlineData("91350100M000100Y4Z", "uscc.character")]
    [InlineData("91350100M000100Y44", "uscc.checksum")]
    [InlineData("91350100M000100Y4", "uscc.length")]
    [InlineData("91350100M000100Y433", "uscc.length")]
    [InlineData("91350100M0001I0Y43", "uscc.character")]
    [InlineData("91A50100M000100Y43", "uscc.region")]
    [InlineData("", "uscc.empty")]
    public void Uscc_invalid_code_is_refused_with_the_reason(string text, string code)
    {
        Assert.False(Uscc.TryParse(text, out _, out var problem));
        Assert.Equal(code, problem!.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Zh));
        Assert.False(string.IsNullOrWhiteSpace(problem.En));
        var ex = Assert.Throws<DomainException>(() => Uscc.Parse(text));
        Assert.Equal(code, ex.Problem.Code);
    }
}
