package io.gureum.iam;

import io.gureum.iam.policy.AuthorizationRequest;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;

/**
 * {@code AssumeRole} (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html): the role must
 * exist and its trust policy must allow the caller {@code sts:AssumeRole} (and {@code sts:TagSession} to pass
 * session tags, {@code sts:SetSourceIdentity} to set a source identity); an unknown role is denied in the same
 * words as a refusing trust policy, as AWS does not reveal which roles exist. Identity-based policies of the
 * caller are not evaluated here (the IAM policy engine will add them).
 */
final class RoleAssumption {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([\\w-]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final int CHAINED_MAX = 3600;

    private final StsState sts;

    RoleAssumption(StsState sts) {
        this.sts = sts;
    }

    public AssumeRoleResponse assumeRole(AssumeRoleRequest r) {
        StsIdentity caller = sts.caller();
        Instant now = sts.context.clock().now();
        if (r.serialNumber() == null != (r.tokenCode() == null)) {
            throw StsErrors.mfaIncomplete();
        }
        boolean mfa = r.serialNumber() != null;
        Map<String, String> requestedTags = SessionTags.requested(r.tags(), r.transitiveTagKeys(), caller.session());
        SessionPolicies.check(r.policy(), r.policyArns());
        Role role = role(r.roleArn());
        // A federated user can call no STS operation but GetCallerIdentity
        // (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html).
        boolean federated = caller.session() != null && caller.session().kind() == StsSession.Kind.FEDERATED_USER;
        if (role == null || federated) {
            throw StsErrors.notAuthorized(caller.arn(), "sts:AssumeRole", r.roleArn());
        }
        String trust;
        Map<String, String> roleTags;
        int maxSession;
        String roleArn;
        String roleId;
        String roleName;
        synchronized (sts.iam.get().account(accountOf(r.roleArn()))) {
            trust = role.trustPolicy;
            roleTags = new TreeMap<>(role.tags);
            maxSession = role.maxSessionDuration;
            roleArn = role.arn;
            roleId = role.id;
            roleName = role.name;
        }
        String inheritedSource = caller.session() == null ? null : caller.session().sourceIdentity();
        if (inheritedSource != null && r.sourceIdentity() != null && !inheritedSource.equals(r.sourceIdentity())) {
            throw StsErrors.accessDenied("The source identity of the role session cannot be changed: it is "
                    + inheritedSource + ".");
        }
        if (mfa) {
            MfaAuthentication.verify(sts, caller, r.serialNumber(), r.tokenCode(), now);
        }
        authorize(caller, r, roleArn, trust, requestedTags, mfa, now);
        int duration = r.durationSeconds() == null ? 3600 : r.durationSeconds();
        if (duration > maxSession) {
            throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (caller.temporary() && duration > CHAINED_MAX) {
            throw StsErrors.validation(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Integer packed = SessionPolicies.packedSize(r.policy(), r.policyArns(), requestedTags);
        TemporaryCredentials.Keys keys = TemporaryCredentials.next(sts.context.ids());
        String account = accountOf(r.roleArn());
        String sessionArn = "arn:" + sts.partition() + ":sts::" + account + ":assumed-role/" + roleName + "/"
                + r.roleSessionName();
        Map<String, String> tags = SessionTags.ofSession(roleTags, caller.session(), requestedTags);
        Set<String> transitive = SessionTags.transitiveKeys(caller.session(), r.transitiveTagKeys(), tags);
        String sourceIdentity = inheritedSource != null ? inheritedSource : r.sourceIdentity();
        Instant mfaAt = mfa ? now : caller.session() == null ? null : caller.session().mfaAuthenticated();
        StsSession session = new StsSession(StsSession.Kind.ASSUMED_ROLE, keys.accessKeyId(), keys.secretAccessKey(),
                keys.sessionToken(), account, sessionArn, roleId + ":" + r.roleSessionName(), roleArn,
                TemporaryCredentials.expiration(now, duration), mfaAt, sourceIdentity, tags, transitive, r.policy(),
                r.policyArns().stream().map(p -> p.arn()).toList());
        sts.sessions.add(session);
        // GetRole's RoleLastUsed: when and where the role was last assumed.
        IamStore.Account roleAccount = sts.iam.get().account(account);
        synchronized (roleAccount) {
            role.lastUsed = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            role.lastUsedRegion = io.gureum.core.protocol.RequestContext.current().region();
            // Recorded under the lock that made the change, so this answer waits for a record holding it.
            IamRecords records = sts.context.shared().get(IamRecords.class, () -> null);
            if (records != null) {
                records.record(roleAccount);
            }
        }
        return AssumeRoleResponse.builder()
                .credentials(TemporaryCredentials.of(session))
                .assumedRoleUser(AssumedRoleUser.builder().arn(sessionArn).assumedRoleId(session.userId()).build())
                .packedPolicySize(packed)
                .sourceIdentity(sourceIdentity)
                .build();
    }

    /** The trust policy decides, for each action the request needs; the first refused one is named. */
    private void authorize(StsIdentity caller, AssumeRoleRequest r, String roleArn, String trust,
            Map<String, String> tags, boolean mfa, Instant now) {
        ContextKeys keys = TrustContext.of(caller, now, mfa)
                .put("sts:ExternalId", r.externalId())
                .put("sts:RoleSessionName", r.roleSessionName())
                .put("sts:SourceIdentity", r.sourceIdentity());
        if (!r.tags().isEmpty()) {
            tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, v));
            keys.putAll("aws:TagKeys", tags.keySet());
        }
        if (r.hasTransitiveTagKeys()) {
            keys.putAll("sts:TransitiveTagKeys", r.transitiveTagKeys());
        }
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(trust);
        } catch (PolicySyntaxException e) {
            policy = null; // a trust policy IAM accepted but this evaluator cannot read allows nobody
        }
        AuthorizationRequest request = new AuthorizationRequest(caller.principal(), "sts:AssumeRole", roleArn, keys);
        for (String action : actions(r)) {
            if (policy == null || !policy.evaluate(request.withAction(action)).decision().allowed()) {
                throw StsErrors.notAuthorized(caller.arn(), action, roleArn);
            }
        }
    }

    /** Passing session tags also needs sts:TagSession, setting a source identity sts:SetSourceIdentity. */
    private static List<String> actions(AssumeRoleRequest r) {
        List<String> actions = new java.util.ArrayList<>(List.of("sts:AssumeRole"));
        if (!r.tags().isEmpty()) {
            actions.add("sts:TagSession");
        }
        if (r.sourceIdentity() != null) {
            actions.add("sts:SetSourceIdentity");
        }
        return actions;
    }

    /** The role an ARN names, with its path exactly as the role has it, or null. */
    private Role role(String arn) {
        Matcher m = ROLE_ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        IamStore.Account account = sts.iam.get().account(m.group(2));
        synchronized (account) {
            Role role = account.roles.get(IamStore.key(m.group(3)));
            return role != null && role.arn.equals(arn) ? role : null;
        }
    }

    private static String accountOf(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(2) : null;
    }
}
