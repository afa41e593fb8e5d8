package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyRegisteredException;
import software.amazon.awssdk.services.organizations.model.AccountNotRegisteredException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.ResourcePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/** Trusted access, delegated administrators, tags and the organization's resource policy. */
class DelegationAndTagsIT extends OrgTestSupport {
    static final String SERVICE = "securityhub.amazonaws.com";

    @Test
    void delegatedAdministratorsNeedTrustedAccessAndMayRead() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String acct = createAccount(orgs, unique("sec"));
        ConstraintViolationException e = assertError(ConstraintViolationException.class,
                "ConstraintViolationException",
                () -> orgs.registerDelegatedAdministrator(b -> b.accountId(acct).servicePrincipal(SERVICE)));
        assertEquals("SERVICE_ACCESS_NOT_ENABLED", e.reasonAsString());
        orgs.enableAWSServiceAccess(b -> b.servicePrincipal(SERVICE));
        assertEquals(SERVICE, orgs.listAWSServiceAccessForOrganization(b -> { }).enabledServicePrincipals().get(0)
                .servicePrincipal());
        ConstraintViolationException self = assertError(ConstraintViolationException.class,
                "ConstraintViolationException",
                () -> orgs.registerDelegatedAdministrator(b -> b.accountId(mgmt).servicePrincipal(SERVICE)));
        assertEquals("CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR", self.reasonAsString());

        orgs.registerDelegatedAdministrator(b -> b.accountId(acct).servicePrincipal(SERVICE));
        assertError(AccountAlreadyRegisteredException.class, "AccountAlreadyRegisteredException",
                () -> orgs.registerDelegatedAdministrator(b -> b.accountId(acct).servicePrincipal(SERVICE)));
        assertEquals(acct, orgs.listDelegatedAdministrators(b -> b.servicePrincipal(SERVICE))
                .delegatedAdministrators().get(0).id());
        assertEquals(SERVICE, orgs.listDelegatedServicesForAccount(b -> b.accountId(acct)).delegatedServices().get(0)
                .servicePrincipal());
        // A delegated administrator reads the organization.
        assertEquals(2, org(acct).listAccounts().accounts().size());

        orgs.deregisterDelegatedAdministrator(b -> b.accountId(acct).servicePrincipal(SERVICE));
        assertError(AccountNotRegisteredException.class, "AccountNotRegisteredException",
                () -> orgs.listDelegatedServicesForAccount(b -> b.accountId(acct)));
        orgs.disableAWSServiceAccess(b -> b.servicePrincipal(SERVICE));
        assertTrue(orgs.listAWSServiceAccessForOrganization(b -> { }).enabledServicePrincipals().isEmpty());
    }

    @Test
    void tagsOnAccountsUnitsRootsAndPolicies() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("t").tags(Tag.builder().key("team")
                .value("a").build())).organizationalUnit().id();
        assertEquals(Map.of("team", "a"), tags(orgs, ou));
        orgs.tagResource(b -> b.resourceId(root).tags(Tag.builder().key("k").value("v").build()));
        orgs.tagResource(b -> b.resourceId(mgmt).tags(Tag.builder().key("env").value("prod").build()));
        assertEquals(Map.of("k", "v"), tags(orgs, root));
        assertEquals(Map.of("env", "prod"), tags(orgs, mgmt));
        orgs.untagResource(b -> b.resourceId(root).tagKeys("k"));
        assertEquals(Map.of(), tags(orgs, root));
        assertError(TargetNotFoundException.class, "TargetNotFoundException",
                () -> orgs.listTagsForResource(b -> b.resourceId("p-zzzzzzzz")));
    }

    @Test
    void resourcePolicyIsStored() {
        OrganizationsClient orgs = org(newOrganization());
        assertError(ResourcePolicyNotFoundException.class, "ResourcePolicyNotFoundException",
                () -> orgs.describeResourcePolicy(b -> { }));
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"organizations:DescribeOrganization\","
                + "\"Resource\":\"*\"}]}";
        var put = orgs.putResourcePolicy(b -> b.content(doc)).resourcePolicy();
        assertTrue(put.resourcePolicySummary().id().startsWith("rp-"), put.resourcePolicySummary().id());
        assertEquals(doc, orgs.describeResourcePolicy(b -> { }).resourcePolicy().content());
        var invalid = assertError(software.amazon.awssdk.services.organizations.model.InvalidInputException.class,
                "InvalidInputException", () -> orgs.putResourcePolicy(b -> b.content("nope")));
        assertEquals("INVALID_RESOURCE_POLICY_JSON", invalid.reasonAsString());
        orgs.deleteResourcePolicy(b -> { });
        assertError(ResourcePolicyNotFoundException.class, "ResourcePolicyNotFoundException",
                () -> orgs.deleteResourcePolicy(b -> { }));
    }

    private static Map<String, String> tags(OrganizationsClient orgs, String id) {
        return orgs.listTagsForResource(b -> b.resourceId(id)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
