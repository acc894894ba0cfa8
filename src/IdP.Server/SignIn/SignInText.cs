namespace IdP.Server.SignIn;

/// <summary>Marker for the sign-in page's string resources (SignInText.resx).</summary>
public sealed class SignInText;
