using IdP.Core.Administration;
using IdP.Core.Applications;
using IdP.Core.Groups;

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

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(" Countess of Lovelace  ", "Countess of Lovelace")]
    public void A_changed_field_not_sent_stays_and_any_other_is_trimmed_so_blank_removes(string? posted, string? read) => Assert.Equal(read, FormValue.Edited(posted));

    [Fact]
    public void Every_administrative_input_reads_its_names_trimmed()
    {
        var group = new GroupInput { Name = " Help desk ", Description = null }.Trimmed();
        var app = new ApplicationInput { ClientId = " web ", DisplayName = " Contoso web " }.Trimmed();
        var user = new UserUpdate { DisplayName = " Ada ", Surname = "  ", GivenName = null }.Trimmed();

        Assert.Equal(("Help desk", null), (group.Name, group.Description));
        Assert.Equal(("web", "Contoso web"), (app.ClientId, app.DisplayName));
        Assert.Equal(("Ada", "", null), (user.DisplayName, user.Surname, user.GivenName));
    }
}
