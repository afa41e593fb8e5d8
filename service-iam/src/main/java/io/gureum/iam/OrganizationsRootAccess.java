package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.model.*;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.DelegatedAdministrator;
import software.amazon.awssdk.services.organizations.model.EnabledServicePrincipal;
import software.amazon.awssdk.services.organizations.model.ListAwsServiceAccessForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.ListDelegatedAdministratorsResponse;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * Centralized root access for member accounts
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management):
 * the organization's {@code RootCredentialsManagement} and {@code RootSessions} features. Organizations is asked
 * in-process, as the API reference's prerequisites require: the caller's account must be in an organization
 * ({@code OrganizationNotFound}) with all features ({@code OrganizationNotInAllFeaturesMode}) and IAM's trusted
 * access enabled ({@code ServiceAccessNotEnabled}); it must be the management account or IAM's delegated
 * administrator ({@code AccountNotManagementOrDelegatedAdministrator}), and only the management account may enable
 * a feature ({@code CallerIsNotManagementAccount}). The features are kept with the management account, per
 * organization ID. STS {@code AssumeRoot} does not consult them (see {@link RootSessions}).
 */
final class OrganizationsRootAccess extends Family {
    static final String IAM_PRINCIPAL = "iam.amazonaws.com";
    static final String CREDENTIALS = "RootCredentialsManagement";
    static final String SESSIONS = "RootSessions";

    private final IamRecords records;

    OrganizationsRootAccess(ServiceContext context, IamStore store, IamRecords records) {
        super(context, store);
        this.records = records;
    }

    public ListOrganizationsFeaturesResponse listOrganizationsFeatures(ListOrganizationsFeaturesRequest r) {
        Org org = organization(false);
        return ListOrganizationsFeaturesResponse.builder().organizationId(org.id())
                .enabledFeaturesWithStrings(change(org, null, false)).build();
    }

    public EnableOrganizationsRootCredentialsManagementResponse enableOrganizationsRootCredentialsManagement(
            EnableOrganizationsRootCredentialsManagementRequest r) {
        Org org = organization(true);
        return EnableOrganizationsRootCredentialsManagementResponse.builder().organizationId(org.id())
                .enabledFeaturesWithStrings(change(org, CREDENTIALS, true)).build();
    }

    public DisableOrganizationsRootCredentialsManagementResponse disableOrganizationsRootCredentialsManagement(
            DisableOrganizationsRootCredentialsManagementRequest r) {
        Org org = organization(false);
        return DisableOrganizationsRootCredentialsManagementResponse.builder().organizationId(org.id())
                .enabledFeaturesWithStrings(change(org, CREDENTIALS, false)).build();
    }

    public EnableOrganizationsRootSessionsResponse enableOrganizationsRootSessions(
            EnableOrganizationsRootSessionsRequest r) {
        Org org = organization(true);
        return EnableOrganizationsRootSessionsResponse.builder().organizationId(org.id())
                .enabledFeaturesWithStrings(change(org, SESSIONS, true)).build();
    }

    public DisableOrganizationsRootSessionsResponse disableOrganizationsRootSessions(
            DisableOrganizationsRootSessionsRequest r) {
        Org org = organization(false);
        return DisableOrganizationsRootSessionsResponse.builder().organizationId(org.id())
                .enabledFeaturesWithStrings(change(org, SESSIONS, false)).build();
    }

    private record Org(String id, String management) {
    }

    /** Adds or removes {@code feature} (none: reads) and answers the enabled features, sorted. */
    private List<String> change(Org org, String feature, boolean enable) {
        IamStore.Account management = store.account(org.management());
        synchronized (management) {
            Set<String> features = management.organizationFeatures.computeIfAbsent(org.id(), id -> new TreeSet<>());
            if (feature != null && enable) {
                features.add(feature);
            } else if (feature != null) {
                features.remove(feature);
            }
            List<String> out = List.copyOf(features);
            if (features.isEmpty()) {
                management.organizationFeatures.remove(org.id());
            }
            // A delegated administrator's call changes the management account's state: record that account too.
            if (feature != null) {
                records.record(management);
            }
            return out;
        }
    }

    /** The caller's organization after the checks the API reference lists; {@code enabling}: management only. */
    private Org organization(boolean enabling) {
        RequestContext rc = RequestContext.current();
        String account = rc.accountId();
        Organization org;
        try {
            org = orgs(account).describeOrganization(b -> { }).organization();
        } catch (AwsOrganizationsNotInUseException | IllegalStateException e) {
            // IllegalStateException: this server does not serve Organizations, so no account is in an organization.
            throw ModeledErrors.of(OrganizationNotFoundException.class,
                    "The request was rejected because no organization is associated with your account.");
        }
        if (!"ALL".equals(org.featureSetAsString())) {
            throw ModeledErrors.of(OrganizationNotInAllFeaturesModeException.class, "The request was rejected "
                    + "because your organization does not have All features enabled.");
        }
        String management = org.masterAccountId();
        OrganizationsClient asManagement = orgs(management);
        if (!trustedAccess(asManagement)) {
            throw ModeledErrors.of(ServiceAccessNotEnabledException.class, "The request was rejected because "
                    + "trusted access is not enabled for IAM in Organizations.");
        }
        if (!account.equals(management)) {
            if (!delegatedAdministrator(asManagement, account)) {
                throw ModeledErrors.of(AccountNotManagementOrDelegatedAdministratorException.class, "The request was "
                        + "rejected because the account making the request is not the management account or "
                        + "delegated administrator account for centralized root access.");
            }
            if (enabling) {
                throw ModeledErrors.of(CallerIsNotManagementAccountException.class, "The request was rejected "
                        + "because the account making the request is not the management account for the "
                        + "organization.");
            }
        }
        return new Org(org.id(), management);
    }

    private OrganizationsClient orgs(String account) {
        return context.clients().client(OrganizationsClient.class,
                Caller.root(account, RequestContext.current().region()));
    }

    private static boolean trustedAccess(OrganizationsClient orgs) {
        String token = null;
        do {
            String next = token;
            ListAwsServiceAccessForOrganizationResponse page = orgs.listAWSServiceAccessForOrganization(
                    b -> b.nextToken(next));
            for (EnabledServicePrincipal p : page.enabledServicePrincipals()) {
                if (IAM_PRINCIPAL.equals(p.servicePrincipal())) {
                    return true;
                }
            }
            token = page.nextToken();
        } while (token != null);
        return false;
    }

    private static boolean delegatedAdministrator(OrganizationsClient orgs, String account) {
        String token = null;
        do {
            String next = token;
            ListDelegatedAdministratorsResponse page = orgs.listDelegatedAdministrators(
                    b -> b.servicePrincipal(IAM_PRINCIPAL).nextToken(next));
            for (DelegatedAdministrator d : page.delegatedAdministrators()) {
                if (account.equals(d.id())) {
                    return true;
                }
            }
            token = page.nextToken();
        } while (token != null);
        return false;
    }
}
