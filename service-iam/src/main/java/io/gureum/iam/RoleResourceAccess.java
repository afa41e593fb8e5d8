package io.gureum.iam;

import io.gureum.core.spi.ResourceAccess;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's owner and trust policy by role ARN (its path exactly as the role has it), in any account.
 *
 * <p>The trust policy is the role's only resource-based policy and it governs only the STS actions on
 * the role: {@code sts:AssumeRole}, {@code sts:AssumeRoleWithSAML}, {@code sts:AssumeRoleWithWebIdentity},
 * {@code sts:TagSession}, {@code sts:SetSourceIdentity}, {@code sts:SetContext}
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy).
 * IAM's own actions on a role ({@code iam:GetRole}, {@code iam:DeleteRole} …) have no resource-based
 * policy, so the authorizer must use this document for {@code sts:} actions only; for the others the
 * owner is what counts. IAM users, groups and policies have no resource policy: they answer the owner.
 */
final class RoleResourceAccess {
    private static final Pattern ARN = Pattern.compile(
            "arn:[\\w-]+:iam::(\\d{12}):(role|user|group|policy|instance-profile)/(?:.*/)?([^/]+)");

    private final Supplier<IamStore> store;

    RoleResourceAccess(Supplier<IamStore> store) {
        this.store = store;
    }

    ResourceAccess of(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return null;
        }
        IamStore.Account account = store.get().account(m.group(1));
        String name = IamStore.key(m.group(3));
        synchronized (account) {
            switch (m.group(2)) {
                case "role" -> {
                    Role role = account.roles.get(name);
                    return role != null && role.arn.equals(arn) ? new ResourceAccess(account.id, role.trustPolicy)
                            : null;
                }
                case "user" -> {
                    User user = account.users.get(name);
                    return user != null && user.arn.equals(arn) ? ResourceAccess.ownedBy(account.id) : null;
                }
                case "group" -> {
                    Group group = account.groups.get(name);
                    return group != null && group.arn.equals(arn) ? ResourceAccess.ownedBy(account.id) : null;
                }
                case "policy" -> {
                    return account.policies.containsKey(arn) ? ResourceAccess.ownedBy(account.id) : null;
                }
                default -> {
                    InstanceProfile profile = account.instanceProfiles.get(name);
                    return profile != null && profile.arn.equals(arn) ? ResourceAccess.ownedBy(account.id) : null;
                }
            }
        }
    }
}
