package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.PolicySummary;

/**
 * What Organizations finds again after a restart on the same --data-dir: the organization, OUs with their
 * tags, policies and their attachments, enabled policy types, and an account creation in progress that still
 * finishes on the clock.
 */
class OrgRestartIT {
    private static final String MGMT = "111111111111";
    private static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static OrganizationsClient client(Gureum g) {
        return AwsClients.client(OrganizationsClient.builder(), g.endpoint(), MGMT, "us-east-1");
    }

    @Test
    void anOrganizationSurvivesARestart() {
        String orgId;
        String root;
        String ou;
        String policy;
        String creation;
        try (Gureum g = start(); OrganizationsClient orgs = client(g)) {
            orgId = orgs.createOrganization(b -> b.featureSet("ALL")).organization().id();
            root = orgs.listRoots().roots().get(0).id();
            ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("prod").tags(t -> t.key("team").value("a")))
                    .organizationalUnit().id();
            orgs.enablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY"));
            policy = orgs.createPolicy(b -> b.name("deny-s3").description("d").type("SERVICE_CONTROL_POLICY")
                    .content(DENY)).policy().policySummary().id();
            orgs.attachPolicy(b -> b.policyId(policy).targetId(ou));
            creation = orgs.createAccount(b -> b.accountName("later").email("later@example.com"))
                    .createAccountStatus().id();
        }
        try (Gureum g = start(); OrganizationsClient orgs = client(g)) {
            assertEquals(orgId, orgs.describeOrganization().organization().id());
            assertEquals(List.of(ou), orgs.listOrganizationalUnitsForParent(b -> b.parentId(root))
                    .organizationalUnits().stream().map(u -> u.id()).toList());
            assertEquals("a", orgs.listTagsForResource(b -> b.resourceId(ou)).tags().get(0).value());
            assertEquals("ENABLED", orgs.listRoots().roots().get(0).policyTypes().get(0).statusAsString());
            List<String> attached = orgs.listPoliciesForTarget(b -> b.targetId(ou).filter("SERVICE_CONTROL_POLICY"))
                    .policies().stream().map(PolicySummary::id).toList();
            assertTrue(attached.contains(policy), attached.toString());
            assertEquals(DENY, orgs.describePolicy(b -> b.policyId(policy)).policy().content());
            g.context().clock().advance(Duration.ofSeconds(5));
            CreateAccountStatus done = orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(creation))
                    .createAccountStatus();
            assertEquals("SUCCEEDED", done.stateAsString());
            List<String> names = orgs.listAccounts().accounts().stream().map(Account::name).toList();
            assertTrue(names.contains("later"), names.toString());
        }
        try (Gureum g = start(); OrganizationsClient orgs = client(g)) {
            List<String> names = orgs.listAccounts().accounts().stream().map(Account::name).toList();
            assertTrue(names.contains("later"), "the finished creation was recorded: " + names);
        }
    }
}
