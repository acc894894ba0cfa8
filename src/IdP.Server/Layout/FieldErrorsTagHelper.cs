using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdP.Server.Layout;

/// <summary>
/// <c>&lt;field-errors key="signInName" /&gt;</c>: the ModelState errors of one field in B2C's markup
/// (<c>div.error.itemLevel</c>, placed above the input), or nothing when the field is valid. <c>asp-validation-for</c>
/// draws other markup, which B2C's page CSS would not find.
/// </summary>
[HtmlTargetElement("field-errors", Attributes = "key", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorsTagHelper : TagHelper
{
    /// <summary>The field's ModelState key: its posted name, B2C's element id.</summary>
    public string Key { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var errors = ViewContext.ModelState[Key]?.Errors.Select(e => e.ErrorMessage).ToList() ?? [];
        ErrorBlock.Render(output, "itemLevel", errors);
    }
}
