package io.gureum.iam.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic over every policy type
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an explicit deny
 * in any policy denies; then every level of resource control policies and of service control policies must
 * allow; within one account an allow in the resource-based policy suffices (for a role session the session
 * policies and the role's boundary still cap it), otherwise the identity-based policies must allow, within the
 * permissions boundary and the session policies. A cross-account request needs both the identity side and the
 * resource-based policy to allow
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
 *
 * <p>Within one account a resource-based policy grants on its own only what it grants to the principal itself;
 * granting the account (its ID or {@code :root} ARN) delegates to the account's identity-based policies. A KMS
 * key's policy must allow in any case (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html:
 * "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key"), either
 * the principal itself or the account, whose identity-based policies then decide.
 */
public final class EvaluationLogic {
    private EvaluationLogic() {
    }

    public static AuthorizationResult evaluate(AuthorizationRequest request, PolicySet set) {
        List<MatchedStatement> matched = new ArrayList<>();
        List<Boolean> rcpLevels = levels(PolicyKind.RESOURCE_CONTROL_POLICY, set.resourceControlLevels(), request,
                matched);
        List<Boolean> scpLevels = levels(PolicyKind.SERVICE_CONTROL_POLICY, set.serviceControlLevels(), request,
                matched);
        boolean resource = set.resourcePolicy() != null
                && allows(PolicyKind.RESOURCE_BASED, List.of(set.resourcePolicy()), request, matched);
        boolean identity = set.identity() == null
                || allows(PolicyKind.IDENTITY_BASED, set.identity(), request, matched);
        boolean boundary = set.boundary() == null
                || allows(PolicyKind.PERMISSIONS_BOUNDARY, List.of(set.boundary()), request, matched);
        boolean session = set.session() == null || allows(PolicyKind.SESSION_POLICY, set.session(), request, matched);
        for (PolicyKind kind : PolicyKind.values()) {
            for (MatchedStatement m : matched) {
                if (m.kind() == kind && m.statement().effect() == Effect.DENY) {
                    return new AuthorizationResult(Decision.EXPLICIT_DENY, kind, matched);
                }
            }
        }
        if (rcpLevels.contains(false)) {
            return implicit(PolicyKind.RESOURCE_CONTROL_POLICY, matched);
        }
        if (scpLevels.contains(false)) {
            return implicit(PolicyKind.SERVICE_CONTROL_POLICY, matched);
        }
        boolean resourceNamesPrincipal = resource && matched.stream().anyMatch(m -> m.kind() == PolicyKind.RESOURCE_BASED
                && m.statement().effect() == Effect.ALLOW && m.statement().namesDirectly(request.principal()));
        if (set.crossAccount()) {
            if (!identity) {
                return implicit(PolicyKind.IDENTITY_BASED, matched);
            }
            if (!resource) {
                return implicit(PolicyKind.RESOURCE_BASED, matched);
            }
        } else if (!resource && isKmsKey(request.resource()) && set.resourcePolicy() != null) {
            return implicit(PolicyKind.RESOURCE_BASED, matched);
        } else if (resourceNamesPrincipal) {
            // A same-account resource policy grants on its own, except that a role session stays within the
            // session policies (and the role's boundary) when the grant names the role rather than the session.
            boolean roleSession = request.principal().kind() == RequestPrincipal.Kind.ASSUMED_ROLE;
            if (roleSession && !boundary) {
                return implicit(PolicyKind.PERMISSIONS_BOUNDARY, matched);
            }
            if (!session) {
                return implicit(PolicyKind.SESSION_POLICY, matched);
            }
            return new AuthorizationResult(Decision.ALLOW, PolicyKind.RESOURCE_BASED, matched);
        } else if (!identity) {
            return implicit(PolicyKind.IDENTITY_BASED, matched);
        }
        if (!boundary) {
            return implicit(PolicyKind.PERMISSIONS_BOUNDARY, matched);
        }
        if (!session) {
            return implicit(PolicyKind.SESSION_POLICY, matched);
        }
        return new AuthorizationResult(Decision.ALLOW, PolicyKind.IDENTITY_BASED, matched);
    }

    private static boolean isKmsKey(String resource) {
        return resource.startsWith("arn:") && resource.contains(":kms:") && resource.contains(":key/");
    }

    private static AuthorizationResult implicit(PolicyKind kind, List<MatchedStatement> matched) {
        return new AuthorizationResult(Decision.IMPLICIT_DENY, kind, matched);
    }

    /** Per level, whether some statement of the level's policies allows. */
    private static List<Boolean> levels(PolicyKind kind, List<List<NamedPolicy>> levels, AuthorizationRequest request,
            List<MatchedStatement> matched) {
        List<Boolean> out = new ArrayList<>();
        for (List<NamedPolicy> level : levels) {
            out.add(allows(kind, level, request, matched));
        }
        return out;
    }

    /** Whether some statement of the policies allows; records every applying statement. */
    private static boolean allows(PolicyKind kind, List<NamedPolicy> policies, AuthorizationRequest request,
            List<MatchedStatement> matched) {
        boolean allowed = false;
        for (NamedPolicy p : policies) {
            for (Statement s : p.document().statements()) {
                if (s.applies(request)) {
                    matched.add(new MatchedStatement(kind, p.name(), s));
                    allowed |= s.effect() == Effect.ALLOW;
                }
            }
        }
        return allowed;
    }
}
