package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * IAM's centralized root access features (ListOrganizationsFeatures, Enable/DisableOrganizationsRoot*), which IAM
 * checks against this server's Organizations in-process: the organization, its feature set, IAM's trusted access
 * and the caller's place (management account or IAM's delegated administrator).
 */
class RootAccessFeaturesIT extends OrgTestSupport {
    private static final String IAM = "iam.amazonaws.com";

    private static IamClient iam(String account) {
        return client(IamClient.builder(), account);
    }

    private static void fails(String code, Runnable call) {
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode(), e.getMessage());
    }

    @Test
    void managementAccountEnablesAndDelegatedAdministratorManages() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String orgId = orgs.describeOrganization().organization().id();
        fails("ServiceAccessNotEnabledException", () -> iam(mgmt).listOrganizationsFeatures(b -> { }));
        orgs.enableAWSServiceAccess(b -> b.servicePrincipal(IAM));

        var listed = iam(mgmt).listOrganizationsFeatures(b -> { });
        assertEquals(orgId, listed.organizationId());
        assertEquals(List.of(), listed.enabledFeaturesAsStrings());
        assertEquals(List.of("RootCredentialsManagement"), iam(mgmt).enableOrganizationsRootCredentialsManagement(b -> { })
                .enabledFeaturesAsStrings());
        var both = iam(mgmt).enableOrganizationsRootSessions(b -> { });
        assertEquals(orgId, both.organizationId());
        assertEquals(List.of("RootCredentialsManagement", "RootSessions"), both.enabledFeaturesAsStrings());

        String member = createAccount(orgs, unique("member"));
        fails("AccountNotManagementOrDelegatedAdministratorException", () -> iam(member).listOrganizationsFeatures(b -> { }));
        orgs.registerDelegatedAdministrator(b -> b.accountId(member).servicePrincipal(IAM));
        assertEquals(List.of("RootCredentialsManagement", "RootSessions"),
                iam(member).listOrganizationsFeatures(b -> { }).enabledFeaturesAsStrings());
        assertEquals(List.of("RootCredentialsManagement"), iam(member).disableOrganizationsRootSessions(b -> { })
                .enabledFeaturesAsStrings());
        fails("CallerIsNotManagementAccountException", () -> iam(member).enableOrganizationsRootSessions(b -> { }));
        assertEquals(List.of("RootCredentialsManagement"),
                iam(mgmt).listOrganizationsFeatures(b -> { }).enabledFeaturesAsStrings());
        assertEquals(List.of(), iam(mgmt).disableOrganizationsRootCredentialsManagement(b -> { }).enabledFeaturesAsStrings());
    }

    @Test
    void organizationAndFeatureSetAreChecked() {
        fails("OrganizationNotFoundException", () -> iam(newAccountId()).listOrganizationsFeatures(b -> { }));
        String billingOnly = newAccountId();
        org(billingOnly).createOrganization(b -> b.featureSet("CONSOLIDATED_BILLING"));
        fails("OrganizationNotInAllFeaturesModeException",
                () -> iam(billingOnly).enableOrganizationsRootSessions(b -> { }));
    }
}
