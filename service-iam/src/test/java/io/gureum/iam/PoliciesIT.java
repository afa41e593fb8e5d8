package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

class PoliciesIT extends IamTestSupport {

    @Test
    void createPolicyAnswersAwsFieldsAndGetPolicyFindsIt() {
        String name = unique("read");
        Policy p = iam.createPolicy(b -> b.policyName(name).path("/team/").policyDocument(S3_READ)
                .description("reads b")).policy();
        assertEquals("arn:aws:iam::000000000000:policy/team/" + name, p.arn());
        assertTrue(p.policyId().matches("ANPA[A-Z0-9]{17}"), p.policyId());
        assertEquals("v1", p.defaultVersionId());
        assertEquals(0, p.attachmentCount());
        assertTrue(p.isAttachable());
        assertEquals(p.createDate(), p.updateDate());
        Policy got = iam.getPolicy(b -> b.policyArn(p.arn())).policy();
        assertEquals(p.policyId(), got.policyId());
        assertEquals("reads b", got.description());
        PolicyVersion v1 = iam.getPolicyVersion(b -> b.policyArn(p.arn()).versionId("v1")).policyVersion();
        assertEquals(S3_READ, decode(v1.document()));
        assertTrue(v1.isDefaultVersion());
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409,
                "A policy called " + name + " already exists. Duplicate names are not allowed.",
                () -> iam.createPolicy(b -> b.policyName(name).policyDocument(S3_READ)));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.createPolicy(b -> b.policyName(unique("bad")).policyDocument("not json")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                "Policy document should not specify a principal.",
                () -> iam.createPolicy(b -> b.policyName(unique("bad")).policyDocument(S3_READ.replace(
                        "\"Effect\"", "\"Principal\": {\"AWS\": \"*\"}, \"Effect\""))));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                "Policy statement must contain resources.",
                () -> iam.createPolicy(b -> b.policyName(unique("bad")).policyDocument(
                        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\"}}")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                "Policy arn:aws:iam::000000000000:policy/absent was not found.",
                () -> iam.getPolicy(b -> b.policyArn("arn:aws:iam::000000000000:policy/absent")));
    }

    @Test
    void awsManagedPoliciesAreKnownAndOthersAreNot() {
        Policy admin = iam.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/AdministratorAccess")).policy();
        assertEquals("AdministratorAccess", admin.policyName());
        assertEquals("/", admin.path());
        assertTrue(admin.policyId().matches("ANPA[A-Z0-9]{17}"));
        String doc = decode(iam.getPolicyVersion(b -> b.policyArn(LAMBDA_BASIC).versionId("v1")).policyVersion().document());
        assertTrue(doc.contains("logs:CreateLogStream") && doc.contains("logs:PutLogEvents"), doc);
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null,
                () -> iam.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/NotAPolicyAwsHas")));
        ListPoliciesResponse aws = iam.listPolicies(b -> b.scope(PolicyScopeType.AWS).maxItems(1000));
        assertTrue(aws.policies().stream().anyMatch(p -> p.arn().equals(LAMBDA_BASIC)));
        assertTrue(aws.policies().stream().allMatch(p -> p.arn().startsWith("arn:aws:iam::aws:policy/")));
    }

    @Test
    void listPoliciesFiltersByScopeAttachmentAndPathAndPages() {
        String path = "/" + unique("lp") + "/";
        String a = iam.createPolicy(b -> b.policyName(unique("a")).path(path).policyDocument(S3_READ)).policy().arn();
        iam.createPolicy(b -> b.policyName(unique("b")).path(path).policyDocument(S3_READ));
        iam.createPolicy(b -> b.policyName(unique("c")).path(path).policyDocument(S3_READ));
        ListPoliciesResponse first = iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).pathPrefix(path).maxItems(2));
        assertEquals(2, first.policies().size());
        assertTrue(first.isTruncated());
        assertNull(first.policies().get(0).description(), "ListPolicies leaves descriptions out");
        ListPoliciesResponse second = iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).pathPrefix(path)
                .marker(first.marker()));
        assertEquals(1, second.policies().size());
        assertFalse(second.isTruncated());

        String role = unique("r");
        createRole(role);
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(a));
        List<Policy> attached = iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL).onlyAttached(true)
                .pathPrefix(path)).policies();
        assertEquals(List.of(a), attached.stream().map(Policy::arn).toList());
        assertEquals(1, attached.get(0).attachmentCount());
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete a policy attached to entities.",
                () -> iam.deletePolicy(b -> b.policyArn(a)));
        iam.detachRolePolicy(b -> b.roleName(role).policyArn(a));
        iam.deletePolicy(b -> b.policyArn(a));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null, () -> iam.getPolicy(b -> b.policyArn(a)));
        fails(AwsServiceException.class, "ValidationError", 400, null,
                () -> iam.listPolicies(b -> b.scope("Everything")));
    }

    @Test
    void versionsUpToFiveWithOneDefault() {
        String arn = iam.createPolicy(b -> b.policyName(unique("ver")).policyDocument(S3_READ)).policy().arn();
        String v2doc = S3_READ.replace("s3:GetObject", "s3:PutObject");
        PolicyVersion v2 = iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(v2doc).setAsDefault(true))
                .policyVersion();
        assertEquals("v2", v2.versionId());
        assertTrue(v2.isDefaultVersion());
        assertEquals("v2", iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId());
        for (int i = 3; i <= 5; i++) {
            assertEquals("v" + i, iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(S3_READ))
                    .policyVersion().versionId());
        }
        fails(LimitExceededException.class, "LimitExceeded", 409,
                "A managed policy can have up to 5 versions. Before you create a new version, you must delete an "
                        + "existing version.",
                () -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(S3_READ)));
        assertEquals(List.of("v5", "v4", "v3", "v2", "v1"), iam.listPolicyVersions(b -> b.policyArn(arn)).versions()
                .stream().map(PolicyVersion::versionId).toList());
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete the default version of a policy.",
                () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2")));
        iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v1"));
        assertEquals("v6", iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(S3_READ)).policyVersion()
                .versionId(), "version numbers are not reused");
        iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v6"));
        assertTrue(iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v6")).policyVersion().isDefaultVersion());
        assertFalse(iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v2")).policyVersion().isDefaultVersion());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null,
                () -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v1")));
        fails(AwsServiceException.class, "ValidationError", 400, null,
                () -> iam.getPolicyVersion(b -> b.policyArn(arn).versionId("1")));
        fails(DeleteConflictException.class, "DeleteConflict", 409, null, () -> iam.deletePolicy(b -> b.policyArn(arn)));
    }

    @Test
    void customerManagedPoliciesTakeTagsThatGetPolicyShows() {
        String arn = iam.createPolicy(b -> b.policyName(unique("tagged")).policyDocument(S3_READ)
                .tags(Tag.builder().key("team").value("a").build())).policy().arn();
        iam.tagPolicy(b -> b.policyArn(arn).tags(Tag.builder().key("Team").value("b").build(),
                Tag.builder().key("cost").value("1").build()));
        List<Tag> expected = List.of(Tag.builder().key("Team").value("b").build(), Tag.builder().key("cost").value("1").build());
        assertEquals(expected, iam.listPolicyTags(b -> b.policyArn(arn)).tags(), "sorted by key; keys are case-insensitive");
        assertEquals(2, iam.getPolicy(b -> b.policyArn(arn)).policy().tags().size());
        iam.untagPolicy(b -> b.policyArn(arn).tagKeys("TEAM"));
        assertEquals(List.of("cost"), iam.listPolicyTags(b -> b.policyArn(arn)).tags().stream().map(Tag::key).toList());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Policy " + arn + "x was not found.",
                () -> iam.tagPolicy(b -> b.policyArn(arn + "x").tags(Tag.builder().key("k").value("v").build())));
        fails(InvalidInputException.class, "InvalidInput", 400, null,
                () -> iam.tagPolicy(b -> b.policyArn(LAMBDA_BASIC).tags(Tag.builder().key("k").value("v").build())));
    }
}
