package io.gureum.iam.policy;

/**
 * What a policy is evaluated against: who asks ({@link RequestPrincipal}), the action
 * ({@code sts:AssumeRole}), the resource ARN (the role, for a trust policy) and the request context.
 */
public record AuthorizationRequest(RequestPrincipal principal, String action, String resource, ContextKeys context) {
    public AuthorizationRequest withAction(String otherAction) {
        return new AuthorizationRequest(principal, otherAction, resource, context);
    }
}
