package io.gureum.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A statement's {@code Principal} (or {@code NotPrincipal}): {@code "*"}, or principals by kind ({@code AWS},
 * {@code Service}, {@code Federated}, {@code CanonicalUser})
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 *
 * <p>An {@code AWS} entry that is an account ID or {@code arn:…:iam::ACCOUNT:root} stands for every principal
 * of that account; a role ARN stands for the role's sessions too; other ARNs match exactly (wildcards are not
 * allowed in principal ARNs, so {@code *} inside one is literal). {@code {"AWS": "*"}} is any AWS principal.
 */
public record Principals(boolean everyone, Map<String, List<String>> byKind) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT = Pattern.compile("arn:[\\w-]+:iam::(\\d{12}):root");

    public Principals {
        byKind = Map.copyOf(byKind);
    }

    public static final Principals EVERYONE = new Principals(true, Map.of());

    public boolean matches(RequestPrincipal principal) {
        if (everyone) {
            return true;
        }
        List<String> names = byKind.get(principal.kind().elementKey());
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (matches(name, principal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the entry names this principal itself ({@code *}, its ARN or alias) rather than its whole account: an
     * account principal in a resource-based policy delegates to the account's identity-based policies, so within
     * one account it grants nothing on its own
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts).
     */
    public boolean namesDirectly(RequestPrincipal principal) {
        if (everyone) {
            return true;
        }
        List<String> names = byKind.get(principal.kind().elementKey());
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (name.equals("*") || name.equals(principal.arn()) || principal.aliases().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, RequestPrincipal principal) {
        if (name.equals("*")) {
            return true;
        }
        if (principal.account() != null) {
            if (ACCOUNT_ID.matcher(name).matches()) {
                return name.equals(principal.account());
            }
            var root = ROOT.matcher(name);
            if (root.matches()) {
                return root.group(1).equals(principal.account());
            }
        }
        return name.equals(principal.arn()) || principal.aliases().contains(name);
    }
}
