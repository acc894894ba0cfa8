using IdP.Core.Contract;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdP.Server.Layout;

/// <summary>
/// <c>&lt;page-error /&gt;</c>: the page-level ModelState error (key "") in B2C's markup, <c>div.error.pageLevel</c>
/// around <c>p#errorMessage</c>, or nothing. A page shows one such message, so only the first is drawn.
/// </summary>
[HtmlTargetElement("page-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PageErrorTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext.ModelState[string.Empty]?.Errors is not [var error, ..])
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error pageLevel");
        output.Attributes.SetAttribute("role", "alert");
        var paragraph = new TagBuilder("p");
        paragraph.Attributes["id"] = PageElementIds.ErrorMessage;
        paragraph.InnerHtml.Append(error.ErrorMessage);
        output.Content.AppendHtml(paragraph);
    }
}
