package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyAttachmentException;
import software.amazon.awssdk.services.organizations.model.EffectivePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicyInUseException;
import software.amazon.awssdk.services.organizations.model.PolicyNotAttachedException;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeAlreadyEnabledException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/** Policy types on the root, SCPs and RCPs with their AWS managed defaults, tag policy inheritance. */
class PoliciesIT extends OrgTestSupport {
    static final String DENY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    @Test
    void serviceControlPoliciesAttachAndDetach() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        String acct = createAccount(orgs, unique("scp"));
        Policy p = orgs.createPolicy(b -> b.name("deny-s3").description("d").type("SERVICE_CONTROL_POLICY")
                .content(DENY_S3)).policy();
        String orgId = orgs.describeOrganization().organization().id();
        assertTrue(p.policySummary().id().matches("p-[a-z0-9]{8}"), p.policySummary().id());
        assertEquals("arn:aws:organizations::" + mgmt + ":policy/" + orgId + "/service_control_policy/"
                + p.policySummary().id(), p.policySummary().arn());
        String id = p.policySummary().id();
        assertError(PolicyTypeNotEnabledException.class, "PolicyTypeNotEnabledException",
                () -> orgs.attachPolicy(b -> b.policyId(id).targetId(acct)));

        var enabled = orgs.enablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY")).root();
        assertEquals("ENABLED", enabled.policyTypes().get(0).statusAsString());
        assertError(PolicyTypeAlreadyEnabledException.class, "PolicyTypeAlreadyEnabledException",
                () -> orgs.enablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY")));
        // FullAWSAccess is on the root and every account, and on OUs made later.
        assertEquals(List.of("p-FullAWSAccess"), ids(orgs, acct, "SERVICE_CONTROL_POLICY"));
        assertEquals(List.of("p-FullAWSAccess"), ids(orgs, root, "SERVICE_CONTROL_POLICY"));
        String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("ou")).organizationalUnit().id();
        assertEquals(List.of("p-FullAWSAccess"), ids(orgs, ou, "SERVICE_CONTROL_POLICY"));
        assertTrue(orgs.describePolicy(b -> b.policyId("p-FullAWSAccess")).policy().policySummary().awsManaged());

        orgs.attachPolicy(b -> b.policyId(id).targetId(acct));
        assertError(DuplicatePolicyAttachmentException.class, "DuplicatePolicyAttachmentException",
                () -> orgs.attachPolicy(b -> b.policyId(id).targetId(acct)));
        assertError(TargetNotFoundException.class, "TargetNotFoundException",
                () -> orgs.attachPolicy(b -> b.policyId(id).targetId("ou-zzzz-zzzzzzzz")));
        assertEquals(acct, orgs.listTargetsForPolicy(b -> b.policyId(id)).targets().get(0).targetId());
        assertError(PolicyInUseException.class, "PolicyInUseException", () -> orgs.deletePolicy(b -> b.policyId(id)));

        // The policy engine's view: the documents from the root down to the account.
        var levels = ApplicablePolicies.of(aws.context().shared()).serviceControlLevels(acct);
        assertEquals(List.of(root, acct), levels.stream().map(ApplicablePolicies.Level::targetId).toList());
        assertEquals(List.of("p-FullAWSAccess", id), levels.get(1).policyIds());
        assertEquals(DENY_S3, levels.get(1).documents().get(1));
        assertTrue(ApplicablePolicies.of(aws.context().shared()).serviceControlLevels(mgmt).isEmpty());

        orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(acct));
        ConstraintViolationException last = assertError(ConstraintViolationException.class,
                "ConstraintViolationException", () -> orgs.detachPolicy(b -> b.policyId(id).targetId(acct)));
        assertEquals("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED", last.reasonAsString());
        assertError(PolicyNotAttachedException.class, "PolicyNotAttachedException",
                () -> orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(acct)));
        InvalidInputException immutable = assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.updatePolicy(b -> b.policyId("p-FullAWSAccess").name("x")));
        assertEquals("IMMUTABLE_POLICY", immutable.reasonAsString());

        orgs.disablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY"));
        assertEquals(List.of(), ids(orgs, acct, "SERVICE_CONTROL_POLICY"));
        orgs.deletePolicy(b -> b.policyId(id));
    }

    @Test
    void documentsAreValidatedByType() {
        OrganizationsClient orgs = org(newOrganization());
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                () -> orgs.createPolicy(b -> b.name("bad").description("").type("SERVICE_CONTROL_POLICY")
                        .content("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\"}]}")));
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                () -> orgs.createPolicy(b -> b.name("bad").description("").type("SERVICE_CONTROL_POLICY")
                        .content("not json")));
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Sid\":\""
                + "a".repeat(5200) + "\"}]}";
        ConstraintViolationException e = assertError(ConstraintViolationException.class,
                "ConstraintViolationException", () -> orgs.createPolicy(b -> b.name("big").description("")
                        .type("SERVICE_CONTROL_POLICY").content(big)));
        assertEquals("POLICY_CONTENT_LIMIT_EXCEEDED", e.reasonAsString());
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                () -> orgs.createPolicy(b -> b.name("rcp").description("").type("RESOURCE_CONTROL_POLICY")
                        .content(DENY_S3)));
        orgs.createPolicy(b -> b.name("dup").description("").type("SERVICE_CONTROL_POLICY").content(DENY_S3));
        assertError(software.amazon.awssdk.services.organizations.model.DuplicatePolicyException.class,
                "DuplicatePolicyException", () -> orgs.createPolicy(b -> b.name("dup").description("")
                        .type("SERVICE_CONTROL_POLICY").content(DENY_S3)));
        List<String> names = orgs.listPolicies(b -> b.filter("SERVICE_CONTROL_POLICY")).policies().stream()
                .map(PolicySummary::name).toList();
        assertEquals(List.of("FullAWSAccess", "dup"), names);
    }

    @Test
    void resourceControlPoliciesKeepRcpFullAwsAccess() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        orgs.enablePolicyType(b -> b.rootId(root).policyType("RESOURCE_CONTROL_POLICY"));
        assertEquals(List.of("p-RCPFullAWSAccess"), ids(orgs, root, "RESOURCE_CONTROL_POLICY"));
        InvalidInputException e = assertError(InvalidInputException.class, "InvalidInputException",
                () -> orgs.detachPolicy(b -> b.policyId("p-RCPFullAWSAccess").targetId(root)));
        assertEquals("NON_DETACHABLE_POLICY", e.reasonAsString());
    }

    @Test
    void effectiveTagPolicyInheritsFromTheRootDown() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String root = orgs.listRoots().roots().get(0).id();
        String acct = createAccount(orgs, unique("tags"));
        assertError(EffectivePolicyNotFoundException.class, "EffectivePolicyNotFoundException",
                () -> orgs.describeEffectivePolicy(b -> b.policyType("TAG_POLICY").targetId(acct)));
        orgs.enablePolicyType(b -> b.rootId(root).policyType("TAG_POLICY"));
        String top = orgs.createPolicy(b -> b.name("cc").description("").type("TAG_POLICY").content(
                "{\"tags\":{\"costcenter\":{\"tag_key\":{\"@@assign\":\"CostCenter\"},"
                        + "\"tag_value\":{\"@@assign\":[\"100\",\"200\"]}}}}")).policy().policySummary().id();
        String low = orgs.createPolicy(b -> b.name("cc-more").description("").type("TAG_POLICY").content(
                "{\"tags\":{\"costcenter\":{\"tag_value\":{\"@@append\":[\"300\"]}}}}")).policy().policySummary().id();
        orgs.attachPolicy(b -> b.policyId(top).targetId(root));
        orgs.attachPolicy(b -> b.policyId(low).targetId(acct));
        var effective = orgs.describeEffectivePolicy(b -> b.policyType("TAG_POLICY").targetId(acct)).effectivePolicy();
        assertEquals("{\"tags\":{\"costcenter\":{\"tag_key\":\"CostCenter\",\"tag_value\":[\"100\",\"200\",\"300\"]}}}",
                effective.policyContent());
        assertEquals(acct, effective.targetId());
        // A member asks for its own.
        assertEquals(effective.policyContent(), org(acct).describeEffectivePolicy(b -> b.policyType("TAG_POLICY"))
                .effectivePolicy().policyContent());
    }

    private static List<String> ids(OrganizationsClient orgs, String target, String type) {
        return orgs.listPoliciesForTarget(b -> b.targetId(target).filter(type)).policies().stream()
                .map(PolicySummary::id).toList();
    }
}
