using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdP.Server.Layout;

/// <summary>
/// <c>&lt;page-error /&gt;</c>: the page-level ModelState error (key "") in B2C's markup, <c>div.error.pageLevel</c>
/// around <c>p#errorMessage</c>, or nothing. A page shows one such message (the id is unique), so only the first is drawn.
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
        var errors = ViewContext.ModelState[string.Empty]?.Errors.Take(1).Select(e => e.ErrorMessage).ToList() ?? [];
        ErrorBlock.Render(output, "pageLevel", errors, PageElementIds.ErrorMessage);
    }
}
