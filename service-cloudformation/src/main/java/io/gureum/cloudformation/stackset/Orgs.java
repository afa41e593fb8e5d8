package io.gureum.cloudformation.stackset;

import io.gureum.cloudformation.template.TemplateError;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Child;
import software.amazon.awssdk.services.organizations.model.ListChildrenResponse;

/**
 * What service-managed stack sets ask AWS Organizations, through its in-process client acting in the stack set
 * administrator's account: the organization's management account, whether StackSets has trusted access
 * ({@link #SERVICE_PRINCIPAL}), delegated administrators, and the accounts under an OU. Never called with the
 * state's lock held by a stack set thread; provider calls hold it, which is safe since Organizations calls no
 * CloudFormation.
 */
public final class Orgs {
    /** The principal of trusted access and delegated administration for StackSets. */
    public static final String SERVICE_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";
    private final ServiceClients clients;

    public Orgs(ServiceClients clients) {
        this.clients = clients;
    }

    private OrganizationsClient as(String account, String region) {
        if (!clients.serves(OrganizationsClient.class)) {
            return null;
        }
        return clients.client(OrganizationsClient.class, Caller.service("cloudformation.amazonaws.com", account,
                region, null));
    }

    /** The management account of {@code account}'s organization, or null when it is in none. */
    public String managementAccount(String account, String region) {
        OrganizationsClient orgs = as(account, region);
        if (orgs == null) {
            return null;
        }
        try {
            return orgs.describeOrganization(b -> { }).organization().masterAccountId();
        } catch (AwsServiceException e) {
            return null;
        }
    }

    /** Whether StackSets has trusted access in the organization (read as {@code account}, an administrator). */
    public boolean trusted(String account, String region) {
        OrganizationsClient orgs = as(account, region);
        if (orgs == null) {
            return false;
        }
        try {
            String token = null;
            do {
                String next = token;
                var page = orgs.listAWSServiceAccessForOrganization(b -> b.nextToken(next));
                if (page.enabledServicePrincipals().stream().anyMatch(p -> p.servicePrincipal()
                        .equals(SERVICE_PRINCIPAL))) {
                    return true;
                }
                token = page.nextToken();
            } while (token != null);
            return false;
        } catch (AwsServiceException e) {
            return false;
        }
    }

    /** Whether {@code account} is a delegated administrator of StackSets in its organization. */
    public boolean delegatedAdministrator(String account, String region) {
        OrganizationsClient orgs = as(account, region);
        if (orgs == null) {
            return false;
        }
        try {
            return orgs.listDelegatedServicesForAccount(b -> b.accountId(account)).delegatedServices().stream()
                    .anyMatch(s -> s.servicePrincipal().equals(SERVICE_PRINCIPAL));
        } catch (AwsServiceException e) {
            return false;
        }
    }

    /** Turns trusted access on or off as the management account {@code account}. */
    public void access(String account, String region, boolean enabled) {
        OrganizationsClient orgs = as(account, region);
        if (enabled) {
            orgs.enableAWSServiceAccess(b -> b.servicePrincipal(SERVICE_PRINCIPAL));
        } else {
            orgs.disableAWSServiceAccess(b -> b.servicePrincipal(SERVICE_PRINCIPAL));
        }
    }

    /**
     * Every account under {@code parentId} (an OU or the root), recursively, read as {@code account}; the
     * management account is left out, as StackSets never deploys a service-managed instance to it. A target that
     * is no OU of the organization is refused.
     */
    public Set<String> accountsUnder(String account, String region, String parentId, String managementAccount) {
        OrganizationsClient orgs = as(account, region);
        Set<String> out = new LinkedHashSet<>();
        List<String> parents = new ArrayList<>(List.of(parentId));
        try {
            while (!parents.isEmpty()) {
                String parent = parents.remove(0);
                for (Child c : children(orgs, parent, "ACCOUNT")) {
                    if (!c.id().equals(managementAccount)) {
                        out.add(c.id());
                    }
                }
                children(orgs, parent, "ORGANIZATIONAL_UNIT").forEach(c -> parents.add(c.id()));
            }
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "ParentNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                throw TemplateError.validation("OrganizationalUnitIds [" + parentId + "] do not exist in the"
                        + " organization");
            }
            throw e;
        }
        return out;
    }

    private static List<Child> children(OrganizationsClient orgs, String parent, String type) {
        List<Child> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListChildrenResponse page = orgs.listChildren(b -> b.parentId(parent).childType(type).nextToken(next));
            out.addAll(page.children());
            token = page.nextToken();
        } while (token != null);
        return out;
    }
}
