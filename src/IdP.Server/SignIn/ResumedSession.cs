namespace IdP.Server.SignIn;

/// <summary>
/// A session that signs the user in without a password: its account, when the credentials were entered, and its row
/// as read for this request (what it was used by).
/// </summary>
public sealed record ResumedSession(Account Account, DateTimeOffset AuthTime, SignInSession Session);
