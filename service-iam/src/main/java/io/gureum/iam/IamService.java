package io.gureum.iam;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers IAM with core. Each resource family is a provider of its own operations: {@link Roles},
 * {@link Policies}, {@link Users}, {@link Groups}, {@link LoginProfiles}, {@link AccessKeys},
 * {@link InstanceProfiles}, {@link PolicyTags}, {@link PolicyEntities}, {@link OpenIdConnectProviders} and {@link SamlProviders}, over one {@link IamStore}.
 * Other services read IAM through an in-process {@code IamClient} (Lambda: {@code getRole}).
 */
public final class IamService implements AwsService {
    private static final java.util.Set<String> INLINE = java.util.Set.of("CreateUser", "GetUser", "ListUsers",
            "DeleteUser", "GetRole", "ListRoles", "GetPolicy", "ListPolicies");

    /** The action table, read once per JVM on first use (it is the same for every server). */
    private static final java.util.function.Supplier<io.gureum.iam.authz.ActionTable> ACTIONS =
            new java.util.function.Supplier<>() {
                private volatile io.gureum.iam.authz.ActionTable table;

                @Override
                public io.gureum.iam.authz.ActionTable get() {
                    io.gureum.iam.authz.ActionTable t = table;
                    if (t == null) {
                        synchronized (this) {
                            if (table == null) {
                                table = io.gureum.iam.authz.ActionTable.load();
                            }
                            t = table;
                        }
                    }
                    return t;
                }
            };

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.iam.IamClient";
    }

    @Override
    public String xmlNamespace() {
        return "https://iam.amazonaws.com/doc/2010-05-08/";
    }

    /**
     * Created at start (and right after a reset): IAM's authorizer must be in place before any request of any
     * API, since with {@code --enforce-iam} it decides them all (ADR 0015).
     */
    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Roles.class, Policies.class, Users.class, Groups.class, LoginProfiles.class, AccessKeys.class,
                InstanceProfiles.class, PolicyTags.class, PolicyEntities.class, OpenIdConnectProviders.class,
                SamlProviders.class, MfaDevices.class, AccountAliases.class, AccountPasswordPolicy.class,
                AccountSummary.class, SigningCertificates.class, SshPublicKeys.class, ServerCertificates.class,
                ServiceLinkedRoles.class, CredentialReports.class, AuthorizationDetails.class,
                PolicySimulation.class, AccessAdvisor.class, ContextKeyNames.class,
                ServiceSpecificCredentials.class, SecurityTokenServicePreferences.class,
                ServiceAccessPolicies.class, OrganizationsRootAccess.class,
                OutboundWebIdentityFederation.class, OrganizationsAccessReports.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        // STS reads roles and users from the same store (AssumeRole, GetSessionToken): one module, two APIs.
        IamStore store = context.shared().replace(IamStore.class, new IamStore());
        IamRecords records = context.shared().replace(IamRecords.class, new IamRecords(context.state(), store));
        Policies policies = new Policies(context, store);
        PrincipalPolicies attachments = new PrincipalPolicies(policies);
        PolicySimulation simulation = new PolicySimulation(context, store, policies);
        List<Object> providers = List.of(new Roles(context, store, attachments), policies,
                new Users(context, store, attachments), new Groups(context, store, attachments),
                new LoginProfiles(context, store), new AccessKeys(context, store), new InstanceProfiles(context, store),
                new PolicyTags(context, store, policies), new PolicyEntities(context, store, policies),
                new OpenIdConnectProviders(context, store), new SamlProviders(context, store),
                new MfaDevices(context, store), new AccountAliases(context, store),
                new AccountPasswordPolicy(context, store), new AccountSummary(context, store),
                new SigningCertificates(context, store), new SshPublicKeys(context, store),
                new ServerCertificates(context, store), new ServiceLinkedRoles(context, store, attachments),
                new CredentialReports(context, store), new AuthorizationDetails(context, store, policies),
                simulation, new AccessAdvisor(context, store, policies),
                new ContextKeyNames(context, store, simulation), new ServiceSpecificCredentials(context, store),
                new SecurityTokenServicePreferences(context, store), new ServiceAccessPolicies(context, store, policies),
                new OrganizationsRootAccess(context, store, records),
                new OutboundWebIdentityFederation(context, store), new OrganizationsAccessReports(context, store));
        // Requests signed with keys IAM issued act in their user's account (and verify with their secret).
        context.accounts().addResolver(store);
        RequestAuthorizer authorizer = new RequestAuthorizer(context, store, policies, ACTIONS.get());
        context.shared().replace(io.gureum.core.spi.Authorizer.class, authorizer);
        RoleResourceAccess access = new RoleResourceAccess(() -> store);
        // With --data-dir: the caller's account is locked through the whole operation, and what it changed is
        // recorded before the lock is let go (ADR 0013). Reads (Get*, List*, Simulate*) change nothing.
        io.gureum.core.spi.OperationInterceptor recorded = call -> {
            String op = call.operation();
            if (!records.enabled() || op.startsWith("Get") || op.startsWith("List") || op.startsWith("Simulate")) {
                return call.proceed();
            }
            IamStore.Account account = store.account(io.gureum.core.protocol.RequestContext.current().accountId());
            synchronized (account) {
                try {
                    return call.proceed();
                } finally {
                    records.record(account);
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

            /** Users, roles and policies live in memory (ADR 0018: answered on the event loop). */
            @Override
            public boolean answersInline(io.gureum.core.http.AwsHttpRequest request, String operation) {
                return INLINE.contains(operation);
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> restored) {
                records.restore(restored, context);
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                records.capture(sink);
            }

            /**
             * IAM refuses GetSessionToken credentials made without MFA and federated users' credentials
             * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html: "You cannot call any
             * IAM API operations unless MFA authentication information is included in the request").
             */
            @Override
            public io.gureum.core.http.AwsHttpResponse preOperation(io.gureum.core.http.AwsHttpRequest request) {
                StsSession s = StsSessions.current(context).get(
                        io.gureum.core.protocol.RequestContext.current().accessKeyId());
                if (s != null && (s.kind() == StsSession.Kind.FEDERATED_USER
                        || s.kind() == StsSession.Kind.SESSION_TOKEN && s.mfaAuthenticated() == null)) {
                    throw new io.gureum.core.error.AwsException("InvalidClientTokenId",
                            "The security token included in the request is invalid", 403);
                }
                return null;
            }

            /** {@code GET /_gureum/iam/decisions}: the authorizer's recent decisions and what decided them. */
            @Override
            public io.gureum.core.http.AwsHttpResponse adminRequest(io.gureum.core.http.AwsHttpRequest request) {
                if (!request.rawPath().equals("/_gureum/iam/decisions")) {
                    return null;
                }
                if (!request.method().equals("GET")) {
                    return new io.gureum.core.http.AwsHttpResponse(405);
                }
                return new io.gureum.core.http.AwsHttpResponse(200)
                        .body(authorizer.decisions().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .header("Content-Type", "application/json");
            }

            /** A role's owner and trust policy (for STS actions only), other IAM entities' owner. */
            @Override
            public io.gureum.core.spi.ResourceAccess resourceAccess(String resourceArn) {
                return access.of(resourceArn);
            }

            /** On reset: the keys IAM issued stop signing, and its users leave core's registry. */
            @Override
            public void close() {
                context.accounts().removeResolver(store);
                context.registry().clear("iam");
            }
        };
    }
}
