package io.gureum.iam;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AuthorizationCall;
import io.gureum.core.spi.Authorizer;
import io.gureum.core.spi.ControlPolicies;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.iam.authz.ActionTable;
import io.gureum.iam.authz.Decisions;
import io.gureum.iam.authz.Denials;
import io.gureum.iam.authz.GlobalKeys;
import io.gureum.iam.authz.ParsedPolicies;
import io.gureum.iam.authz.RequestFields;
import io.gureum.iam.authz.ResourceArns;
import io.gureum.iam.policy.AuthorizationRequest;
import io.gureum.iam.policy.AuthorizationResult;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.EvaluationLogic;
import io.gureum.iam.policy.NamedPolicy;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySet;
import io.gureum.iam.policy.RequestPrincipal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM's {@link Authorizer} for every request of the server (ADR 0015). It finds the operation's action and
 * resource in the {@link ActionTable}, the resource's owner and resource-based policy through core (the API
 * that serves the ARN), the caller's identity ({@link StsIdentity}: root, IAM user, role session, federated
 * user, service principal, anonymous) and its policies ({@link IdentityPolicies}), the organization's SCPs and
 * RCPs ({@link ControlPolicies}), and decides with {@link EvaluationLogic}.
 *
 * <p>With {@code --enforce-iam} every request is decided. Without it only AWS's cross-account rule is: a
 * request for a resource another account owns needs that resource's policy to allow it (the identity side is
 * not checked), and nothing else is looked at when the resource is the caller's account's own.
 */
final class RequestAuthorizer implements Authorizer {
    /**
     * Actions no policy governs: GetCallerIdentity needs no permission and works even where a policy denies it
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html), and the web identity and
     * SAML assumptions are unsigned: their role's trust policy alone decides (in STS).
     */
    private static final java.util.Set<String> UNAUTHORIZED = java.util.Set.of("sts:GetCallerIdentity",
            "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML");

    /**
     * The deliveries AWS authorises by the target's resource policy naming the service principal (with
     * {@code aws:SourceArn}): SNS to queues and functions, EventBridge and S3 notifications to queues, topics and
     * functions, Secrets Manager rotation invoking its function
     * (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html,
     * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html,
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html). Other
     * in-process calls of a service stand for a role (Lambda's execution role, a schedule's role) or for the
     * caller's own credentials (KMS through SQS or DynamoDB), which Gureum does not model: they are allowed.
     */
    private static final Map<String, java.util.Set<String>> RESOURCE_POLICY_DELIVERIES = Map.of(
            "sns.amazonaws.com", java.util.Set.of("sqs:SendMessage", "lambda:InvokeFunction"),
            "events.amazonaws.com", java.util.Set.of("sqs:SendMessage", "sns:Publish", "lambda:InvokeFunction"),
            "s3.amazonaws.com", java.util.Set.of("sqs:SendMessage", "sns:Publish", "lambda:InvokeFunction"),
            "secretsmanager.amazonaws.com", java.util.Set.of("lambda:InvokeFunction"));

    private static boolean governedByResourcePolicy(String servicePrincipal, String action) {
        return RESOURCE_POLICY_DELIVERIES.getOrDefault(servicePrincipal, java.util.Set.of()).contains(action);
    }

    private final ServiceContext context;
    private final IamStore store;
    private final Policies policies;
    private final ActionTable table;
    private final ParsedPolicies parsed = new ParsedPolicies();
    private final Decisions decisions = new Decisions();

    RequestAuthorizer(ServiceContext context, IamStore store, Policies policies, ActionTable table) {
        this.context = context;
        this.store = store;
        this.policies = policies;
        this.table = table;
    }

    Decisions decisions() {
        return decisions;
    }

    @Override
    public void authorize(AuthorizationCall call) {
        RequestContext ctx = RequestContext.current();
        recordKeyUse(ctx);
        boolean enforce = context.config().enforceIam();
        if (!enforce && ctx.inProcess()) {
            return; // services acting for each other: only their own checks without the flag
        }
        ActionTable.Action action = table.action(call.api(), call.operation());
        if (UNAUTHORIZED.contains(action.name())) {
            return;
        }
        String partition = context.topology().partitionOf(ctx.region()).id();
        String resource = ResourceArns.resolve(call.api(), action, call.request(), partition, ctx.region(),
                ctx.accountId());
        if (!enforce) {
            String arnAccount = accountOf(resource);
            if (resource.equals("*") || arnAccount != null && arnAccount.equals(ctx.accountId())
                    || ctx.accessKeyId() == null) {
                return; // the caller's own resource (or an anonymous request, which only enforcement decides)
            }
        }
        // A role's trust policy governs sts: actions on it, and STS evaluates it with the request's own keys
        // (sts:ExternalId, sts:SourceIdentity …) when the operation runs: here only the caller's side is decided.
        boolean trustGoverned = action.name().startsWith("sts:");
        ResourceAccess access = resource.equals("*") || trustGoverned ? null : call.resources().apply(resource);
        if (access != null && access.policyJson() != null && resource.contains(":iam::")) {
            access = ResourceAccess.ownedBy(access.ownerAccountId()); // a trust policy governs only sts: actions
        }
        String owner = access != null ? access.ownerAccountId() : ctx.accountId();
        ResourceAccess.Via via = access == null ? null : access.via();
        if (!enforce && owner.equals(ctx.accountId())
                && (via == null || via.ownerAccountId().equals(ctx.accountId()))) {
            return;
        }
        StsIdentity caller = caller(ctx);
        RequestPrincipal principal = caller.principal();
        resource = selfResource(call, action, resource, principal);
        boolean service = principal.kind() == RequestPrincipal.Kind.SERVICE;
        if (service && (access == null || !governedByResourcePolicy(principal.arn(), action.name()))) {
            return; // a service acting for a role or with the caller's forwarded credentials, which Gureum does not model
        }
        if (via == null) {
            decide(call, ctx, caller, action, resource, owner, access == null ? null : access.policyJson(), Map.of());
            return;
        }
        // Through an S3 access point: the request needs both the bucket's side and the access point's, each
        // decided with its own owner and policy; the first denial (the bucket's) is the answer
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
        decide(call, ctx, caller, action, via.resourceArn(), owner, access.policyJson(), via.conditionKeys());
        decide(call, ctx, caller, action, via.arn(), via.ownerAccountId(), via.policyJson(), via.conditionKeys());
    }

    /** One decision on {@code resource} of {@code owner} with its resource policy; a denial is thrown. */
    private void decide(AuthorizationCall call, RequestContext ctx, StsIdentity caller, ActionTable.Action action,
            String resource, String owner, String resourcePolicyJson, Map<String, String> extraKeys) {
        boolean enforce = context.config().enforceIam();
        RequestPrincipal principal = caller.principal();
        boolean service = principal.kind() == RequestPrincipal.Kind.SERVICE;
        String callerAccount = principal.account() != null ? principal.account() : ctx.accountId();
        if (!enforce && !extraKeys.isEmpty() && owner.equals(callerAccount)) {
            return; // without enforcement only the other account's side of an access point is decided
        }
        boolean crossAccount = !owner.equals(callerAccount) || service
                || principal.kind() == RequestPrincipal.Kind.ANONYMOUS;
        IdentityPolicies identity = !enforce || service || principal.kind() == RequestPrincipal.Kind.ANONYMOUS
                ? IdentityPolicies.ROOT : identityOf(caller);
        List<List<NamedPolicy>> scps = enforce && !service ? levels(controlPolicies().serviceControlPolicies(
                callerAccount)) : List.of();
        List<List<NamedPolicy>> rcps = enforce && !service ? levels(controlPolicies().resourceControlPolicies(owner))
                : List.of();
        PolicyDocument resourcePolicy = resourcePolicyJson == null ? null : parsed.parse(resourcePolicyJson);
        PolicySet set = new PolicySet(rcps, scps, resourcePolicy == null ? null
                : new NamedPolicy("resource-policy", resourcePolicy), identity.identity(), identity.boundary(),
                identity.session(), crossAccount);
        Instant now = context.clock().now();
        String target = resource;
        ContextKeys global = GlobalKeys.of(new GlobalKeys.Caller(principal, caller.principalArn(), caller.userId(),
                caller.userName(), caller.tags(), caller.session() == null ? null : caller.session().mfaAuthenticated()),
                now, ctx.region(), ctx.httpRequest(), ctx.sourceArn(), sourceAccount(ctx), owner,
                () -> resourceTags(target), () -> RequestFields.tags(call.request()));
        ContextKeys keys = extraKeys.isEmpty() ? global : ContextKeys.lazy(k -> {
            for (String name : global.names()) {
                k.putAll(name, global.get(name));
            }
            extraKeys.forEach(k::put);
        });
        AuthorizationResult result = EvaluationLogic.evaluate(
                new AuthorizationRequest(principal, action.name(), resource, keys), set);
        decisions.record(new Decisions.Entry(now, ctx.requestId(), principal.arn(), action.name(), resource, result));
        if (!result.allowed()) {
            throw denial(call, caller, action.name(), resource, result);
        }
    }

    /**
     * IAM's user operations without a {@code UserName} act on the caller itself (GetUser, ListAccessKeys …): their
     * resource is the calling user, or the root user ({@code arn:aws:iam::ACCOUNT:root}).
     */
    private static String selfResource(AuthorizationCall call, ActionTable.Action action, String resource,
            RequestPrincipal principal) {
        if (!resource.equals("*") || !call.api().equals("iam") || RequestFields.strings(call.request())
                .containsKey("username") || principal.kind() != RequestPrincipal.Kind.USER
                        && principal.kind() != RequestPrincipal.Kind.ROOT) {
            return resource;
        }
        boolean onUsers = action.arnTemplates().stream().anyMatch(t -> t.contains(":user/"));
        boolean takesUserName = call.request() instanceof software.amazon.awssdk.core.SdkPojo pojo
                && pojo.sdkFields().stream().anyMatch(f -> f.memberName().equals("UserName"));
        return onUsers && takesUserName ? principal.arn() : resource;
    }

    private AwsException denial(AuthorizationCall call, StsIdentity caller, String action, String resource,
            AuthorizationResult result) {
        String message = Denials.message(caller.arn(), action, resource, result);
        String encoded = null;
        if (call.api().equals("ec2")) {
            AuthorizationMessages messages = context.shared().get(AuthorizationMessages.class,
                    () -> new AuthorizationMessages(context.ids().secretAccessKey()));
            encoded = messages.encodeDenial(caller.userId(), caller.arn(), action, resource,
                    result.decision() == io.gureum.iam.policy.Decision.EXPLICIT_DENY);
        }
        return Denials.of(call.api(), call.protocol(), message, encoded, result);
    }

    private StsIdentity caller(RequestContext ctx) {
        if (!ctx.inProcess() && ctx.accessKeyId() == null) {
            return new StsIdentity(RequestPrincipal.anonymous(), "anonymous", null, null, Map.of());
        }
        return StsIdentity.current(context, () -> store, StsSessions.current(context));
    }

    private IdentityPolicies identityOf(StsIdentity caller) {
        RequestPrincipal p = caller.principal();
        IamStore.Account account = p.account() == null ? null : store.account(p.account());
        StsSession session = caller.session();
        return switch (p.kind()) {
            case USER -> {
                User user = account == null ? null : user(account, caller);
                yield user == null ? new IdentityPolicies(List.of(), null, null)
                        : IdentityPolicies.ofUser(account, user, policies, parsed);
            }
            case ASSUMED_ROLE -> {
                String roleArn = session != null ? session.roleArn()
                        : p.aliases().stream().findFirst().orElse(null);
                Role role = roleArn == null ? null : role(account, roleArn);
                yield IdentityPolicies.ofRoleSession(account, role, session, policies, parsed);
            }
            case FEDERATED_USER -> IdentityPolicies.ofFederatedUser(account, session, policies, parsed);
            case ROOT -> rootTask(session);
            default -> IdentityPolicies.ROOT;
        };
    }

    /**
     * An {@code AssumeRoot} session: the root user's permissions cut down by its deny-only task policy
     * ({@link RootTaskPolicies}), evaluated with the identity policies.
     */
    private IdentityPolicies rootTask(StsSession session) {
        String task = session == null || session.policyArns().isEmpty() ? null
                : RootTaskPolicies.document(session.policyArns().get(0));
        if (task == null) {
            return IdentityPolicies.ROOT;
        }
        return new IdentityPolicies(List.of(new NamedPolicy("root", ROOT_ALLOWS_ALL),
                new NamedPolicy(session.policyArns().get(0), parsed.parse(task))), null, null);
    }

    private static final PolicyDocument ROOT_ALLOWS_ALL = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

    private static User user(IamStore.Account account, StsIdentity caller) {
        synchronized (account) {
            String name = caller.userName();
            return name == null ? null : account.users.get(IamStore.key(name));
        }
    }

    private static Role role(IamStore.Account account, String roleArn) {
        synchronized (account) {
            return account.roles.get(IamStore.key(roleArn.substring(roleArn.lastIndexOf('/') + 1)));
        }
    }

    private ControlPolicies controlPolicies() {
        return ControlPolicies.of(context.shared());
    }

    private List<List<NamedPolicy>> levels(List<Map<String, String>> levels) {
        List<List<NamedPolicy>> out = new ArrayList<>(levels.size());
        for (Map<String, String> level : levels) {
            List<NamedPolicy> ps = new ArrayList<>();
            level.forEach((id, json) -> {
                PolicyDocument d = parsed.parse(json);
                if (d != null) {
                    ps.add(new NamedPolicy(id, d));
                }
            });
            out.add(ps);
        }
        return out;
    }

    private Map<String, String> resourceTags(String resource) {
        if (resource.equals("*")) {
            return Map.of();
        }
        try {
            return context.registry().tags(io.gureum.core.ids.Arn.parse(resource));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String sourceAccount(RequestContext ctx) {
        String account = accountOf(ctx.sourceArn());
        return account != null ? account : ctx.inProcess() ? ctx.accountId() : null;
    }

    /** The account part of an ARN, or null (none, or not an ARN: S3 buckets have none). */
    static String accountOf(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : null;
    }

    /** GetAccessKeyLastUsed's facts: when, in which API and region an IAM user's key was last used. */
    private void recordKeyUse(RequestContext ctx) {
        AccessKey key = ctx.inProcess() ? null : store.accessKey(ctx.accessKeyId());
        if (key != null) {
            AccessKey.LastUsed now = new AccessKey.LastUsed(context.clock().now(), ctx.service(), ctx.region());
            key.lastUsed = now;
            IamRecords records = context.shared().get(IamRecords.class, () -> null);
            if (records != null && records.enabled() && key.persistLastUse(now)) {
                records.record(store.account(key.account));
            }
        }
    }
}
