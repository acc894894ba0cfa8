using System.Reflection;

namespace IdP.Server.Layout;

/// <summary>
/// Names the string resources that hold an input model's validation messages: <c>[Required(ErrorMessage = "requiredField_password")]</c>
/// on a model marked <c>[ErrorMessagesFrom(typeof(SignInText))]</c> shows SignInText's "requiredField_password", so pages keep
/// one resource file each.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ErrorMessagesFromAttribute(Type resource) : Attribute
{
    /// <summary>The marker type of the resource file.</summary>
    public Type Resource { get; } = resource;

    /// <summary>The DataAnnotations localizer provider: the marked resource, or the model's own name otherwise.</summary>
    public static IStringLocalizer Localizer(Type modelType, IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Create(modelType.GetCustomAttribute<ErrorMessagesFromAttribute>()?.Resource ?? modelType);
    }
}
