using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdP.Server.Layout;

/// <summary>
/// B2C's error markup, which its page CSS and our tests select on: <c>div.error.{level}</c> with <c>role="alert"</c>
/// around one paragraph per message.
/// </summary>
internal static class ErrorBlock
{
    /// <summary>Turns the tag helper's element into the block, or removes it when there is no message.</summary>
    public static void Render(TagHelperOutput output, string level, IReadOnlyList<string> messages, string? firstParagraphId = null)
    {
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error " + level);
        output.Attributes.SetAttribute("role", "alert");
        for (var i = 0; i < messages.Count; i++)
        {
            var paragraph = new TagBuilder("p");
            if (i == 0 && firstParagraphId is not null)
            {
                paragraph.Attributes["id"] = firstParagraphId;
            }

            paragraph.InnerHtml.Append(messages[i]);
            output.Content.AppendHtml(paragraph);
        }
    }
}
