using IdP.Core.UserFlows.CustomPages;
using static IdP.Core.Tests.Cultures;

namespace IdP.Core.Tests.UserFlows;

/// <summary>
/// A custom page failure is kept as a reason and a language-neutral detail, and worded when read: in English the
/// words are exactly those the admin API gave before reasons were stored; in French, French; a failure an older version
/// stored as text is shown as it was.
/// </summary>
public sealed class CustomPageProblemTests
{
    public static TheoryData<CustomPageProblem, string> EveryReasonInEnglish => new()
    {
        { new(CustomPageFailure.Empty), "The custom page template is empty." },
        { CustomPageProblem.TooLarge(256), "The custom page template is larger than 256 KB." },
        {
            new(CustomPageFailure.ForbiddenElements, "<form>, <iframe>"),
            "A custom page template may not contain form, iframe or frame elements (found: <form>, <iframe>). The server renders the page's form itself, inside <div id=\"api\"></div>."
        },
        { new(CustomPageFailure.NoApiElement), "A custom page template must contain <div id=\"api\"></div>: the server renders the page's form inside it." },
        { new(CustomPageFailure.UriNotHttps), "The custom page URI must be an absolute https:// address." },
        { new(CustomPageFailure.UriPrivate), "The custom page URI points to a private, loopback or link-local address, which the server does not fetch from." },
        { new(CustomPageFailure.UriRedirect), "The custom page URI answered with a redirect; redirects are not followed: give the template's final address." },
        { CustomPageProblem.Status(503), "The custom page URI answered HTTP 503." },
        { new(CustomPageFailure.UriUnreachable, nameof(HttpRequestError.NameResolutionError)), "The custom page URI could not be fetched (NameResolutionError)." },
        { CustomPageProblem.Timeout(TimeSpan.FromSeconds(10)), "The custom page URI did not answer within 10 seconds." },
    };

    [Theory]
    [MemberData(nameof(EveryReasonInEnglish))]
    public void Each_reason_reads_in_english_as_the_admin_api_always_said_it(CustomPageProblem problem, string english)
    {
        Assert.Equal(english, InCulture("en-US", () => problem.Message));
        Assert.NotEqual(english, InCulture("fr-FR", () => problem.Message));
    }

    [Fact]
    public void Every_reason_is_worded()
    {
        Assert.Equal(Enum.GetValues<CustomPageFailure>(), EveryReasonInEnglish.Select(row => ((CustomPageProblem)row[0]).Reason).Order());
    }

    [Fact]
    public void A_stored_reason_is_worded_in_the_readers_language_whoever_stored_it()
    {
        var flow = new UserFlow { Name = "B2C_1_test", NormalizedName = "B2C_1_TEST" };
        InCulture("fr-FR", () =>
        {
            CustomPageProblem.Status(500).ApplyTo(flow);
            return 0;
        });

        Assert.Equal(CustomPageFailure.UriStatus, flow.CustomPageFailure);
        Assert.Equal("500", flow.CustomPageFailureDetail);
        Assert.Equal("The custom page URI answered HTTP 500.", InCulture("en-US", () => CustomPageProblem.Describe(flow)));
        Assert.Equal("L’URI de page personnalisée a répondu HTTP 500.", InCulture("fr-FR", () => CustomPageProblem.Describe(flow)));
    }

    [Fact]
    public void Text_an_older_version_stored_is_shown_as_it_is_until_a_reason_replaces_it_and_a_success_clears_both()
    {
        var flow = new UserFlow { Name = "B2C_1_test", NormalizedName = "B2C_1_TEST", CustomPageErrorText = "L’URI de page personnalisée a répondu HTTP 502." };
        Assert.Equal("L’URI de page personnalisée a répondu HTTP 502.", InCulture("en-US", () => CustomPageProblem.Describe(flow)));

        new CustomPageProblem(CustomPageFailure.UriRedirect).ApplyTo(flow);
        Assert.Null(flow.CustomPageErrorText);
        Assert.StartsWith("The custom page URI answered with a redirect", InCulture("en-US", () => CustomPageProblem.Describe(flow)), StringComparison.Ordinal);

        CustomPageProblem.ClearFrom(flow);
        Assert.Null(CustomPageProblem.Describe(flow));
        Assert.Null(flow.CustomPageFailureDetail);
    }

    [Fact]
    public void A_detail_longer_than_its_column_is_cut_to_fit()
    {
        var flow = new UserFlow { Name = "B2C_1_test", NormalizedName = "B2C_1_TEST" };
        new CustomPageProblem(CustomPageFailure.ForbiddenElements, new string('x', CustomPageProblem.MaxDetailLength + 10)).ApplyTo(flow);
        Assert.Equal(CustomPageProblem.MaxDetailLength, flow.CustomPageFailureDetail!.Length);
    }
}
