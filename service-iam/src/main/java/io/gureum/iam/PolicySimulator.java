package io.gureum.iam;

import io.gureum.iam.policy.AuthorizationRequest;
import io.gureum.iam.policy.Condition;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.Decision;
import io.gureum.iam.policy.Effect;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import io.gureum.iam.policy.RequestPrincipal;
import io.gureum.iam.policy.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryDecisionDetail;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

/**
 * Evaluates identity policies (and a permissions boundary) for each action and resource as the policy simulator
 * does (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_testing-policies.html): an explicit deny
 * wins, then an allow, else an implicit deny; a boundary that does not allow makes the result an implicit deny
 * (an explicit deny if it denies). Resource-based policies, SCPs and statement positions are not evaluated.
 */
final class PolicySimulator {
    /** A policy to evaluate: its ID and type as MatchedStatements name them, and the document. */
    record Source(String id, String type, PolicyDocument document) {
    }

    private PolicySimulator() {
    }

    static Source source(String id, String type, String json) {
        try {
            return new Source(id, type, PolicyDocument.parse(json));
        } catch (PolicySyntaxException e) {
            throw IamErrors.invalidInput(e.getMessage());
        }
    }

    static ContextKeys context(List<ContextEntry> entries) {
        ContextKeys keys = new ContextKeys();
        for (ContextEntry e : entries) {
            keys.putAll(e.contextKeyName(), e.contextKeyValues());
        }
        return keys;
    }

    static EvaluationResult evaluate(RequestPrincipal principal, List<Source> policies, List<Source> boundary,
            String action, String resource, ContextKeys context) {
        AuthorizationRequest request = new AuthorizationRequest(principal, action, resource, context);
        List<software.amazon.awssdk.services.iam.model.Statement> matched = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        Decision decision = decide(policies, request, matched, missing);
        EvaluationResult.Builder b = EvaluationResult.builder().evalActionName(action).evalResourceName(resource);
        if (!boundary.isEmpty()) {
            Decision bounded = decide(boundary, request, new ArrayList<>(), missing);
            b.permissionsBoundaryDecisionDetail(PermissionsBoundaryDecisionDetail.builder()
                    .allowedByPermissionsBoundary(bounded.allowed()).build());
            if (decision != Decision.EXPLICIT_DENY && !bounded.allowed()) {
                decision = bounded == Decision.EXPLICIT_DENY ? Decision.EXPLICIT_DENY : Decision.IMPLICIT_DENY;
            }
        }
        return b.evalDecision(switch (decision) {
            case ALLOW -> PolicyEvaluationDecisionType.ALLOWED;
            case EXPLICIT_DENY -> PolicyEvaluationDecisionType.EXPLICIT_DENY;
            case IMPLICIT_DENY -> PolicyEvaluationDecisionType.IMPLICIT_DENY;
        }).matchedStatements(matched).missingContextValues(List.copyOf(missing)).build();
    }

    private static Decision decide(List<Source> sources, AuthorizationRequest request,
            List<software.amazon.awssdk.services.iam.model.Statement> matched, Set<String> missing) {
        boolean allowed = false;
        boolean denied = false;
        for (Source source : sources) {
            for (Statement s : source.document().statements()) {
                Statement unconditional = new Statement(s.sid(), s.effect(), s.principal(), s.notPrincipal(),
                        s.actions(), s.notActions(), s.resources(), s.notResources(), List.of());
                if (unconditional.applies(request)) {
                    // The condition keys of a statement that applies to the action and resource, not given.
                    for (Condition c : s.conditions()) {
                        if (!request.context().has(c.key()) && !c.operator().endsWith("IfExists")
                                && !c.operator().equals("Null")) {
                            missing.add(c.key());
                        }
                    }
                }
                if (s.applies(request)) {
                    matched.add(software.amazon.awssdk.services.iam.model.Statement.builder()
                            .sourcePolicyId(source.id()).sourcePolicyType(source.type()).build());
                    denied |= s.effect() == Effect.DENY;
                    allowed |= s.effect() == Effect.ALLOW;
                }
            }
        }
        return denied ? Decision.EXPLICIT_DENY : allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
