using IdP.Server.Applications;

namespace IdP.Server.Protocol;

internal static class OpenIddictServiceCollectionExtensions
{
    /// <summary>
    /// OpenIddict owns the protocol (validation of requests, codes, PKCE, tokens, refresh rotation); we own the B2C
    /// paths, who the user is and which claims go where. Endpoint URIs are relative to the flow's issuer (see
    /// <see cref="ResolvePolicyEndpoint"/>).
    /// </summary>
    public static IServiceCollection AddIdPOpenIddict(this IServiceCollection services, bool requireHttps)
    {
        services.AddOptions<KeyOptions>().BindConfiguration(KeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KeyRing>();
        services.AddSingleton<ConfigureServerKeys>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<ConfigureServerKeys>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<ConfigureServerKeys>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictValidationOptions>>(sp => sp.GetRequiredService<ConfigureServerKeys>());
        services.AddHostedService<KeyRingRefresher>();

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdPDbContext>();

                // The token entries of one response are saved together (TokenEntryBatch).
                options.ReplaceTokenStore<OpenIddictEntityFrameworkCoreToken, BatchedTokenStore>(ServiceLifetime.Scoped);
                // Applications and scopes by key come from this node's snapshots while the configuration stamp stands.
                options.ReplaceApplicationStore<OpenIddictEntityFrameworkCoreApplication, StampedApplicationStore>(ServiceLifetime.Scoped);
                options.ReplaceScopeStore<OpenIddictEntityFrameworkCoreScope, StampedScopeStore>(ServiceLifetime.Scoped);
                options.ReplaceApplicationManager(typeof(IdPApplicationManager<>));
            })
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(PolicyEndpointPaths.Suffixes[PolicyEndpoint.Authorize])
                    .SetTokenEndpointUris(PolicyEndpointPaths.Suffixes[PolicyEndpoint.Token])
                    .SetEndSessionEndpointUris(PolicyEndpointPaths.Suffixes[PolicyEndpoint.Logout])
                    .SetConfigurationEndpointUris(PolicyEndpointPaths.Suffixes[PolicyEndpoint.Configuration])
                    .SetJsonWebKeySetEndpointUris(PolicyEndpointPaths.Suffixes[PolicyEndpoint.Keys]);

                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowImplicitFlow()
                    .AllowHybridFlow()
                    .AllowClientCredentialsFlow();

                options.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile, Scopes.Email);

                // B2C's access tokens are plain JWTs that APIs (and Run now) can read; codes and refresh tokens stay encrypted.
                options.DisableAccessTokenEncryption();

                // A refresh token is single use: presenting a redeemed one revokes the whole family at once.
                options.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // B2C: authorization codes last about 10 minutes.
                options.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(10));

                options.AddEventHandler(ResolvePolicyEndpoint.Descriptor)
                    .AddEventHandler(AttachPolicyEndpoints.Descriptor)
                    .AddEventHandler(RefuseRepeatedParameters.AuthorizationDescriptor)
                    .AddEventHandler(RefuseRepeatedParameters.TokenDescriptor)
                    .AddEventHandler(RefuseRepeatedParameters.EndSessionDescriptor)
                    .AddEventHandler(RequireImplicitPermission.Descriptor)
                    .AddEventHandler(RequireSingleResource.AuthorizationDescriptor)
                    .AddEventHandler(RequireSingleResource.TokenDescriptor)
                    .AddEventHandler(ValidateRequestedTokenScopes.Descriptor)
                    .AddEventHandler(ReturnErrorsToRegisteredRedirectUri.Descriptor)
                    .AddEventHandler(DescribeErrorsAsB2C.AuthorizationDescriptor)
                    .AddEventHandler(DescribeErrorsAsB2C.TokenDescriptor)
                    .AddEventHandler(AnswerUnavailableWith503.Descriptor)
                    .AddEventHandler(MarkExpiredGrant.Descriptor)
                    .AddEventHandler(RevokeFamilyOnReuse.Descriptor)
                    .AddEventHandler(RedeemRefreshTokenOnce.Descriptor)
                    .AddEventHandler(RedeemTokenEntryExceptRefresh.Descriptor)
                    .AddEventHandler(AttachClientInfo.Descriptor)
                    .AddEventHandler(AlwaysNameGrantedScopes.Descriptor)
                    .AddEventHandler(UseActiveKeys.Descriptor)
                    .AddEventHandler(AttachNotBefore.Descriptor)
                    .AddEventHandler(ShapeTokensAsB2C.Descriptor)
                    .AddEventHandler(FlushTokenEntryBatch.OpenDescriptor)
                    .AddEventHandler(FlushTokenEntryBatch.FlushDescriptor);
                foreach (var replaced in ValidateRequestedTokenScopes.Replaces)
                {
                    options.RemoveEventHandler(replaced);
                }

                options.RemoveEventHandler(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor);

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableErrorPassthrough();

                // Plain HTTP only where IdP:Server:RequireHttps is off (Development, the compose demo); behind a TLS
                // proxy, forwarded headers make requests HTTPS.
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                // Our own APIs validate tokens against the local server. Token-entry and authorization-entry checks stay
                // on: OpenIddict 7.8 has advisory GHSA-cxgj-hwwh-855g when token-entry validation is off.
                options.UseLocalServer();
                options.EnableTokenEntryValidation();
                options.EnableAuthorizationEntryValidation();
                options.AddEventHandler(MapB2CAccessTokenClaims.TypeDescriptor).AddEventHandler(MapB2CAccessTokenClaims.ClaimsDescriptor)
                    .AddEventHandler(AcceptTenantIssuers.Descriptor);
                options.UseAspNetCore();
            });

        // After AddValidation's local-server integration, so the ring's keys replace the ones it copied.
        services.AddSingleton<IConfigureOptions<OpenIddictValidationOptions>>(sp => sp.GetRequiredService<ConfigureServerKeys>());
        services.AddSingleton<ProtocolEntityCache>();
        services.AddScoped<RefreshTokenFamily>();
        services.AddScoped<TokenEntryBatch>();
        services.AddScoped<TokenPrincipalFactory>();
        services.AddScoped<RedirectUriTrust>();
        services.AddOpenIddict().AddServer(options => options
            .RemoveEventHandler(OpenIddict.Server.OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor)
            .AddEventHandler(ValidateRedirectUriByRules.Descriptor));
        services.AddScoped<IHousekeepingTask, TokenHousekeeping>();
        services.PostConfigure<OpenIddictServerOptions>(o =>
        {
            // PKCE with S256 only: "plain" offers no protection against a stolen code.
            o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);

            // Only what an application can be allowed (discovery advertises exactly these): the code flow, and with
            // B2C's implicit checkboxes id_token, code id_token and id_token token. Types every app would be refused
            // (token alone, code token, code id_token token, none) are unsupported, not advertised.
            o.ResponseTypes.Clear();
            o.ResponseTypes.UnionWith([ResponseTypes.Code, ResponseTypes.IdToken, ResponseTypes.Code + " " + ResponseTypes.IdToken, ResponseTypes.IdToken + " " + ResponseTypes.Token]);
        });
        return services;
    }
}
