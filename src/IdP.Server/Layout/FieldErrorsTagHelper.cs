using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace IdP.Server.Layout;

/// <summary>
/// <c>&lt;field-errors key="signInName" /&gt;</c>: the ModelState errors of one field in B2C's markup (a
/// <c>div.error.itemLevel</c> with a paragraph per error, placed above the input), or nothing when the field is valid.
/// B2C's page CSS and our tests select on that markup, which <c>asp-validation-for</c> does not produce.
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
        if (ViewContext.ModelState[Key]?.Errors is not { Count: > 0 } errors)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error itemLevel");
        output.Attributes.SetAttribute("role", "alert");
        foreach (var error in errors)
        {
            var paragraph = new TagBuilder("p");
            paragraph.InnerHtml.Append(error.ErrorMessage);
            output.Content.AppendHtml(paragraph);
        }
    }
}
