// The redirect URI of the app's silent calls (see redirect.html).
/* global msalRedirectBridge */
msalRedirectBridge.broadcastResponseToMainFrame();
