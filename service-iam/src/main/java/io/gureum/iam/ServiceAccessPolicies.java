package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import io.gureum.iam.policy.Effect;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import io.gureum.iam.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessResponse;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;

/**
 * ListPoliciesGrantingServiceAccess
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPoliciesGrantingServiceAccess.html): for each
 * service namespace asked for, the identity's permissions policies with an {@code Allow} statement whose actions
 * reach that namespace: a user's own inline and attached policies and its groups', a group's or a role's own.
 * Permissions boundaries and other policy types are left out, as AWS documents.
 */
final class ServiceAccessPolicies extends Family {
    private static final Pattern IDENTITY = Pattern.compile(
            "arn:[\\w-]+:iam::(\\d{12}):(user|group|role)/(?:.*/)?([^/]+)");

    private final Policies policies;

    ServiceAccessPolicies(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    public ListPoliciesGrantingServiceAccessResponse listPoliciesGrantingServiceAccess(
            ListPoliciesGrantingServiceAccessRequest r) {
        Matcher m = IDENTITY.matcher(r.arn());
        if (!m.matches()) {
            throw IamErrors.invalidInput("Invalid ARN: " + r.arn());
        }
        IamStore.Account account = account();
        synchronized (account) {
            List<Source> sources = new ArrayList<>();
            switch (m.group(2)) {
                case "user" -> {
                    User u = Users.require(account, m.group(3));
                    add(account, u, PolicyOwnerEntityType.USER, sources);
                    account.groups.values().stream().filter(g -> g.users.contains(u))
                            .sorted((a, b) -> a.name.compareTo(b.name))
                            .forEach(g -> add(account, g, PolicyOwnerEntityType.GROUP, sources));
                }
                case "role" -> add(account, Roles.require(account, m.group(3)), PolicyOwnerEntityType.ROLE, sources);
                default -> {
                    Group g = account.groups.get(IamStore.key(m.group(3)));
                    if (g == null) {
                        throw IamErrors.noSuchEntity("The group with name " + m.group(3) + " cannot be found.");
                    }
                    add(account, g, PolicyOwnerEntityType.GROUP, sources);
                }
            }
            List<ListPoliciesGrantingServiceAccessEntry> entries = new ArrayList<>();
            for (String namespace : r.serviceNamespaces()) {
                List<PolicyGrantingServiceAccess> granting = new ArrayList<>();
                for (Source s : sources) {
                    if (grants(s.document(), namespace)) {
                        granting.add(s.policy());
                    }
                }
                entries.add(ListPoliciesGrantingServiceAccessEntry.builder().serviceNamespace(namespace)
                        .policies(granting).build());
            }
            return ListPoliciesGrantingServiceAccessResponse.builder().policiesGrantingServiceAccess(entries)
                    .isTruncated(false).build();
        }
    }

    private record Source(PolicyGrantingServiceAccess policy, String document) {
    }

    /** The principal's inline policies (name order), then its attached managed ones. Caller holds the lock. */
    private void add(IamStore.Account account, Principal p, PolicyOwnerEntityType type, List<Source> out) {
        p.inline.forEach((name, document) -> out.add(new Source(PolicyGrantingServiceAccess.builder().policyName(name)
                .policyType(PolicyType.INLINE).entityType(type).entityName(p.name).build(), document)));
        for (String arn : p.attached) {
            ManagedPolicy mp = policies.find(account, arn);
            if (mp != null) {
                out.add(new Source(PolicyGrantingServiceAccess.builder().policyName(mp.name)
                        .policyType(PolicyType.MANAGED).policyArn(mp.arn).build(), mp.defaultVersion().document()));
            }
        }
    }

    /** Whether an Allow statement's Action (or NotAction) reaches some action of the namespace. */
    static boolean grants(String document, String namespace) {
        PolicyDocument parsed;
        try {
            parsed = PolicyDocument.parse(document);
        } catch (PolicySyntaxException e) {
            return false;
        }
        String ns = namespace.toLowerCase(Locale.ROOT);
        for (Statement s : parsed.statements()) {
            if (s.effect() != Effect.ALLOW) {
                continue;
            }
            if (s.actions() != null && s.actions().stream().anyMatch(a -> prefixMatches(a, ns))) {
                return true;
            }
            // NotAction allows every action it does not name: the namespace unless it names all of it.
            if (s.notActions() != null && s.notActions().stream()
                    .noneMatch(a -> a.equals("*") || a.toLowerCase(Locale.ROOT).equals(ns + ":*"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code *}, {@code s3:*}, {@code s3:Get*}, {@code s*:List*} all reach {@code s3}. */
    private static boolean prefixMatches(String action, String namespace) {
        if (action.equals("*")) {
            return true;
        }
        int colon = action.indexOf(':');
        String prefix = (colon < 0 ? action : action.substring(0, colon)).toLowerCase(Locale.ROOT);
        StringBuilder regex = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return namespace.matches(regex.toString());
    }
}
