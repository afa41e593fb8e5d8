package io.gureum.iam;

import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers STS (the AWS Security Token Service) with core: {@link RoleAssumption}, {@link UserSessions},
 * {@link WebIdentity}, {@link CallerIdentity} and {@link AuthorizationMessages} over the sessions STS issued ({@link StsSessions})
 * and IAM's store.
 */
public final class StsService implements AwsService {
    @Override
    public String name() {
        return "sts";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sts.StsClient";
    }

    @Override
    public String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(CallerIdentity.class, RoleAssumption.class, UserSessions.class, AuthorizationMessages.class,
                WebIdentity.class, SamlFederation.class, RootSessions.class, WebIdentityTokens.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        StsSessions sessions = StsSessions.fresh(context);
        StsState sts = new StsState(context, sessions);
        // Requests signed with temporary credentials act in their session's account.
        context.accounts().addResolver(sessions);
        OidcTestIssuer issuer = new OidcTestIssuer(context);
        SamlTestIdp idp = new SamlTestIdp(context);
        OutboundSigningKeys outboundKeys = new OutboundSigningKeys(context, sts.iam);
        RoleResourceAccess access = new RoleResourceAccess(sts.iam);
        List<Object> providers = List.of(new CallerIdentity(sts), new RoleAssumption(sts), new UserSessions(sts),
                new WebIdentity(sts, issuer), new SamlFederation(sts), new RootSessions(sts),
                new WebIdentityTokens(sts, outboundKeys),
                context.shared().replace(AuthorizationMessages.class,
                        new AuthorizationMessages(context.ids().secretAccessKey())));
        // STS changes IAM entities too (a role's last use, an MFA device's last accepted code): IAM records them.
        io.gureum.core.spi.OperationInterceptor recorded = call -> {
            try {
                return call.proceed();
            } finally {
                if (context.state().enabled() && !call.operation().equals("GetCallerIdentity")) {
                    IamRecords records = context.shared().get(IamRecords.class, () -> null);
                    if (records != null) {
                        records.recordAll();
                    }
                }
            }
        };
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<io.gureum.core.spi.OperationInterceptor> interceptors() {
                return List.of(recorded);
            }

            /** The caller's identity comes from the signing key, in memory (ADR 0018: answered on the event loop). */
            @Override
            public boolean answersInline(io.gureum.core.http.AwsHttpRequest request, String operation) {
                return "GetCallerIdentity".equals(operation);
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> restored) {
                sessions.restore(restored);
                outboundKeys.restore(restored);
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                sessions.capture(sink);
                outboundKeys.capture(sink);
            }

            /** The built-in OpenID Connect issuer and SAML IdP for tests, under {@code /_gureum/sts/}. */
            @Override
            public io.gureum.core.http.AwsHttpResponse adminRequest(io.gureum.core.http.AwsHttpRequest request) {
                AwsHttpResponse saml = idp.handle(request);
                if (saml != null) {
                    return saml;
                }
                AwsHttpResponse outbound = outboundKeys.handle(request);
                return outbound != null ? outbound : issuer.handle(request);
            }

            /** The role an AssumeRole* call names: its owner and trust policy, as IAM answers it. */
            @Override
            public io.gureum.core.spi.ResourceAccess resourceAccess(String resourceArn) {
                return access.of(resourceArn);
            }

            /** On reset: the credentials STS issued stop signing. */
            @Override
            public void close() {
                context.accounts().removeResolver(sessions);
            }
        };
    }
}
