package io.gureum.iam.policy;

import java.util.List;

/**
 * One statement of a policy. Absent elements are null: a statement without {@code Principal} (an identity
 * policy's) matches any principal; one without {@code Resource}/{@code NotResource} (a trust policy's, whose
 * resource is the role) matches any resource. Actions match case-insensitively with wildcards
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html); resources
 * case-sensitively, ARN part by part, with policy variables.
 */
public record Statement(String sid, Effect effect, Principals principal, Principals notPrincipal,
        List<String> actions, List<String> notActions, List<String> resources, List<String> notResources,
        List<Condition> conditions) {

    /** Whether the statement applies to the request: principal, action, resource and every condition. */
    public boolean applies(AuthorizationRequest request) {
        return principalMatches(request.principal()) && actionMatches(request.action())
                && resourceMatches(request.resource(), request.context())
                && conditions.stream().allMatch(c -> c.test(request.context()));
    }

    /**
     * Whether the statement's {@code Principal} names {@code p} itself rather than only its account (a
     * {@code NotPrincipal} statement counts as naming everyone it does not exclude).
     */
    public boolean namesDirectly(RequestPrincipal p) {
        return principal == null || principal.namesDirectly(p);
    }

    private boolean principalMatches(RequestPrincipal p) {
        if (principal != null) {
            return principal.matches(p);
        }
        return notPrincipal == null || !notPrincipal.matches(p);
    }

    private boolean actionMatches(String action) {
        if (actions != null) {
            return actions.stream().anyMatch(a -> Wildcards.matches(a, action, true));
        }
        return notActions == null || notActions.stream().noneMatch(a -> Wildcards.matches(a, action, true));
    }

    private boolean resourceMatches(String resource, ContextKeys context) {
        if (resources != null) {
            return resources.stream().anyMatch(r -> resourceMatches(r, resource, context));
        }
        return notResources == null || notResources.stream().noneMatch(r -> resourceMatches(r, resource, context));
    }

    private static boolean resourceMatches(String pattern, String resource, ContextKeys context) {
        if (pattern.equals("*")) {
            return true;
        }
        String p = PolicyVariables.substitute(pattern, context);
        return p != null && resource != null && Wildcards.arnMatches(p, resource);
    }
}
