package io.gureum.organizations;

import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;

/**
 * Every organization of one server. Organizations is a global service (its endpoint is in us-east-1,
 * like IAM's): its state is per server, not per region, and one organization spans accounts. Every
 * operation runs under this store's lock ({@link OrganizationsService}'s interceptor), which first
 * settles the account creations whose time has come on the core clock.
 */
final class OrgStore {
    final Map<String, Organization> organizations = new LinkedHashMap<>();
    /** The organization each account belongs to. */
    final Map<String, String> organizationOf = new LinkedHashMap<>();
    final Map<String, HandshakeRecord> handshakes = new LinkedHashMap<>();
    private final BiConsumer<Organization, AccountCreation> onAccountCreated;

    OrgStore(BiConsumer<Organization, AccountCreation> onAccountCreated) {
        this.onAccountCreated = onAccountCreated;
    }

    static String callerAccount() {
        return RequestContext.current().accountId();
    }

    /** The caller's organization, from any of its accounts. */
    Organization ofCaller() {
        Organization org = of(callerAccount());
        if (org == null) {
            throw OrgErrors.notInUse();
        }
        return org;
    }

    Organization of(String accountId) {
        String id = organizationOf.get(accountId);
        return id == null ? null : organizations.get(id);
    }

    /** The caller's organization, for an operation only its management account may call. */
    Organization managedByCaller() {
        Organization org = ofCaller();
        if (!org.managementAccountId.equals(callerAccount())) {
            throw OrgErrors.accessDenied();
        }
        return org;
    }

    /**
     * The caller's organization, for a read the management account and the delegated administrators may make
     * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html).
     */
    Organization readableByCaller() {
        Organization org = ofCaller();
        String caller = callerAccount();
        if (!org.managementAccountId.equals(caller)
                && org.delegatedAdministrators.values().stream().noneMatch(m -> m.containsKey(caller))) {
            throw OrgErrors.accessDenied();
        }
        return org;
    }

    static Member member(Organization org, String accountId) {
        Member m = org.accounts.get(accountId);
        if (m == null) {
            throw OrgErrors.of(AccountNotFoundException.class, "You specified an account that doesn't exist.");
        }
        return m;
    }

    /** Finishes the account creations due at {@code now}: the accounts join their organization's root. */
    void settle(Instant now) {
        for (Organization org : List.copyOf(organizations.values())) {
            List<AccountCreation> done = new ArrayList<>();
            for (AccountCreation c : org.creations) {
                if (c.state.equals("IN_PROGRESS") && !c.due.isAfter(now)) {
                    c.completed = c.due;
                    if (c.failureReason != null) {
                        c.state = "FAILED";
                        continue;
                    }
                    c.state = "SUCCEEDED";
                    join(org, new Member(c.accountId, c.email, c.accountName, "CREATED", c.due), org.rootId);
                    done.add(c);
                }
            }
            for (Member m : org.accounts.values()) {
                if (m.suspendAt != null && !m.suspendAt.isAfter(now)) {
                    m.status = "SUSPENDED";
                    m.suspendAt = null;
                }
            }
            done.forEach(c -> onAccountCreated.accept(org, c));
        }
    }

    /** Adds an account to the organization under {@code parentId}, with the default policies attached. */
    void join(Organization org, Member m, String parentId) {
        org.accounts.put(m.id, m);
        org.parents.put(m.id, parentId);
        organizationOf.put(m.id, org.id);
        attachDefaults(org, m.id);
    }

    /** Attaches the AWS managed policy of every enabled type that has one to a new target. */
    static void attachDefaults(Organization org, String targetId) {
        for (String type : org.enabledPolicyTypes) {
            String p = AwsManagedPolicies.defaultFor(type);
            if (p != null) {
                org.attached(targetId).add(p);
            }
        }
    }

    /** Removes an account from its organization (Leave, Remove, or after closing). */
    void leave(Organization org, String accountId) {
        org.accounts.remove(accountId);
        org.parents.remove(accountId);
        org.attachments.remove(accountId);
        org.delegatedAdministrators.values().forEach(m -> m.remove(accountId));
        organizationOf.remove(accountId);
    }
}
