package io.gureum.iam.policy;

import java.util.Set;

/**
 * Who makes a request, as a policy's {@code Principal} element sees it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 *
 * @param arn the principal's ARN ({@code arn:aws:iam::111122223333:user/alice}, an assumed-role session ARN,
 *     {@code arn:aws:iam::111122223333:root}), or a service principal's name ({@code lambda.amazonaws.com}), or
 *     a web identity's provider ({@code arn:aws:iam::…:oidc-provider/…}, {@code accounts.google.com})
 * @param account the account the principal belongs to, or null for a service or web identity
 * @param aliases other names a policy may use for the same principal: the role ARN of an assumed-role session
 */
public record RequestPrincipal(Kind kind, String arn, String account, Set<String> aliases) {

    public enum Kind {
        ROOT, USER, ASSUMED_ROLE, FEDERATED_USER, SERVICE, WEB_IDENTITY, SAML,
        /** An unsigned request: only a policy whose Principal is {@code "*"} (or {@code {"AWS": "*"}}) names it. */
        ANONYMOUS;

        /** The key of the Principal element that names principals of this kind. */
        String elementKey() {
            return switch (this) {
                case SERVICE -> "Service";
                case WEB_IDENTITY, SAML -> "Federated";
                default -> "AWS";
            };
        }
    }

    public RequestPrincipal {
        aliases = aliases == null ? Set.of() : Set.copyOf(aliases);
    }

    public static RequestPrincipal root(String account, String partition) {
        return new RequestPrincipal(Kind.ROOT, "arn:" + partition + ":iam::" + account + ":root", account, Set.of());
    }

    /** The principal of an unsigned request. */
    public static RequestPrincipal anonymous() {
        return new RequestPrincipal(Kind.ANONYMOUS, "anonymous", null, Set.of());
    }

    public static RequestPrincipal service(String name) {
        return new RequestPrincipal(Kind.SERVICE, name, null, Set.of());
    }
}
