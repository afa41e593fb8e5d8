package io.gureum.iam;

import io.gureum.iam.authz.ParsedPolicies;
import io.gureum.iam.policy.NamedPolicy;
import io.gureum.iam.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity side of a caller for the authorizer: an IAM user's inline and attached policies with its
 * groups', a role session's role policies, the permissions boundary, and a session's session policies
 * (inline {@code Policy} and managed {@code PolicyArns})
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 *
 * @param identity null for the root user (who needs no identity policy)
 * @param boundary null without a permissions boundary
 * @param session null when the credentials carry no session policy
 */
record IdentityPolicies(List<NamedPolicy> identity, NamedPolicy boundary, List<NamedPolicy> session) {
    static final IdentityPolicies ROOT = new IdentityPolicies(null, null, null);

    /** An IAM user's policies, with its groups'. */
    static IdentityPolicies ofUser(IamStore.Account account, User user, Policies policies, ParsedPolicies parsed) {
        synchronized (account) {
            List<NamedPolicy> identity = new ArrayList<>();
            add(account, user, policies, parsed, identity);
            for (Group g : account.groups.values()) {
                if (g.users.contains(user)) {
                    add(account, g, policies, parsed, identity);
                }
            }
            return new IdentityPolicies(identity, boundary(account, user, policies, parsed), null);
        }
    }

    /** A role session: the role's policies and boundary, and the session's policies. */
    static IdentityPolicies ofRoleSession(IamStore.Account account, Role role, StsSession session, Policies policies,
            ParsedPolicies parsed) {
        synchronized (account) {
            List<NamedPolicy> identity = new ArrayList<>();
            NamedPolicy boundary = null;
            if (role != null) {
                add(account, role, policies, parsed, identity);
                boundary = boundary(account, role, policies, parsed);
            }
            return new IdentityPolicies(identity, boundary, sessionPolicies(account, session, policies, parsed));
        }
    }

    /**
     * A federated user (GetFederationToken): what its session policies allow (AWS intersects them with the
     * calling user's policies, which the session does not record).
     */
    static IdentityPolicies ofFederatedUser(IamStore.Account account, StsSession session, Policies policies,
            ParsedPolicies parsed) {
        synchronized (account) {
            List<NamedPolicy> session0 = sessionPolicies(account, session, policies, parsed);
            return new IdentityPolicies(session0 == null ? List.of() : session0, null, null);
        }
    }

    private static List<NamedPolicy> sessionPolicies(IamStore.Account account, StsSession session,
            Policies policies, ParsedPolicies parsed) {
        if (session == null || session.policy() == null && session.policyArns().isEmpty()) {
            return null;
        }
        List<NamedPolicy> out = new ArrayList<>();
        PolicyDocument inline = parsed.parse(session.policy());
        if (inline != null) {
            out.add(new NamedPolicy("session-policy", inline));
        }
        for (String arn : session.policyArns()) {
            ManagedPolicy m = policies.find(account, arn);
            PolicyDocument d = m == null ? null : parsed.parse(m.defaultVersion().document());
            if (d != null) {
                out.add(new NamedPolicy(arn, d));
            }
        }
        return out;
    }

    /** Caller holds the lock. */
    private static void add(IamStore.Account account, Principal p, Policies policies, ParsedPolicies parsed,
            List<NamedPolicy> out) {
        p.inline.forEach((name, doc) -> {
            PolicyDocument d = parsed.parse(doc);
            if (d != null) {
                out.add(new NamedPolicy(name, d));
            }
        });
        for (String arn : p.attached) {
            ManagedPolicy m = policies.find(account, arn);
            PolicyDocument d = m == null ? null : parsed.parse(m.defaultVersion().document());
            if (d != null) {
                out.add(new NamedPolicy(arn, d));
            }
        }
    }

    /** Caller holds the lock. */
    private static NamedPolicy boundary(IamStore.Account account, Principal p, Policies policies,
            ParsedPolicies parsed) {
        if (p.permissionsBoundary == null) {
            return null;
        }
        ManagedPolicy m = policies.find(account, p.permissionsBoundary);
        PolicyDocument d = m == null ? null : parsed.parse(m.defaultVersion().document());
        // A boundary whose policy is gone allows nothing.
        return new NamedPolicy(p.permissionsBoundary, d != null ? d
                : PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"gureum:nothing\",\"Resource\":\"*\"}}"));
    }
}
