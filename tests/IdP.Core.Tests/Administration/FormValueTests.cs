using IdP.Core.Administration;

namespace IdP.Core.Tests.Administration;

public sealed class FormValueTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  \t ", null)]
    [InlineData("  Contoso ", "Contoso")]
    [InlineData("a b", "a b")]
    public void A_blank_field_is_no_value_and_any_other_is_trimmed(string? posted, string? read) => Assert.Equal(read, FormValue.Trimmed(posted));
}
