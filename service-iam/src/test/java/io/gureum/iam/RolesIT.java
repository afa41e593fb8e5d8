package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

class RolesIT extends IamTestSupport {

    @Test
    void createRoleAnswersAwsFieldsAndGetRoleReturnsTheTrustPolicyUrlEncoded() {
        String name = unique("app");
        Instant before = Instant.now().minusSeconds(2);
        Role created = iam.createRole(b -> b.roleName(name).path("/service/").assumeRolePolicyDocument(TRUST)
                .description("runs the app").maxSessionDuration(7200)
                .tags(Tag.builder().key("team").value("core").build())).role();
        assertEquals("arn:aws:iam::000000000000:role/service/" + name, created.arn());
        assertTrue(created.roleId().matches("AROA[A-Z0-9]{17}"), created.roleId());
        assertEquals("/service/", created.path());
        assertTrue(!created.createDate().isBefore(before.minus(Duration.ofSeconds(1))));
        assertEquals(0, created.createDate().getNano(), "IAM dates have whole seconds");

        Role got = iam.getRole(b -> b.roleName(name)).role();
        assertEquals(created.roleId(), got.roleId());
        assertTrue(got.assumeRolePolicyDocument().startsWith("%7B%22Version%22%3A%222012-10-17%22"),
                got.assumeRolePolicyDocument());
        assertEquals(TRUST, decode(got.assumeRolePolicyDocument()));
        assertEquals("runs the app", got.description());
        assertEquals(7200, got.maxSessionDuration());
        assertEquals(List.of(Tag.builder().key("team").value("core").build()), got.tags());
        assertNotNull(got.roleLastUsed());
        // Names are unique regardless of case, and lookups ignore case.
        assertEquals(got.arn(), iam.getRole(b -> b.roleName(name.toUpperCase())).role().arn());
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409,
                "Role with name " + name.toUpperCase() + " already exists.",
                () -> createRole(name.toUpperCase()));
    }

    @Test
    void maxSessionDurationDefaultsToAnHour() {
        String name = unique("plain");
        createRole(name);
        assertEquals(3600, iam.getRole(b -> b.roleName(name)).role().maxSessionDuration());
        assertNull(iam.getRole(b -> b.roleName(name)).role().description());
    }

    @Test
    void unknownRolesAreNoSuchEntity() {
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The role with name nobody cannot be found.",
                () -> iam.getRole(b -> b.roleName("nobody")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The role with name nobody cannot be found.",
                () -> iam.deleteRole(b -> b.roleName("nobody")));
    }

    @Test
    void invalidInputIsValidationErrorWithAwsWording() {
        fails(AwsServiceException.class, "ValidationError", 400,
                "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
                () -> createRole("bad name"));
        fails(AwsServiceException.class, "ValidationError", 400,
                "1 validation error detected: Value '" + "r".repeat(65) + "' at 'roleName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 64",
                () -> createRole("r".repeat(65)));
        fails(AwsServiceException.class, "ValidationError", 400,
                "2 validation errors detected: Value 'nopath' at 'path' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); "
                        + "Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 3600",
                () -> iam.createRole(b -> b.roleName(unique("v")).path("nopath").maxSessionDuration(60)
                        .assumeRolePolicyDocument(TRUST)));
        fails(AwsServiceException.class, "ValidationError", 400,
                "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy "
                        + "constraint: Member must not be null",
                () -> iam.createRole(b -> b.roleName(unique("v"))));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                "This policy contains invalid Json",
                () -> iam.createRole(b -> b.roleName(unique("v")).assumeRolePolicyDocument("trust.json")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.createRole(b -> b.roleName(unique("v")).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\"}")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, "Has prohibited field Resource",
                () -> iam.createRole(b -> b.roleName(unique("v")).assumeRolePolicyDocument(S3_READ)));
    }

    @Test
    void updatesChangeDescriptionSessionDurationAndTrustPolicy() {
        String name = unique("upd");
        createRole(name);
        iam.updateRole(b -> b.roleName(name).description("first").maxSessionDuration(43200));
        Role r = iam.getRole(b -> b.roleName(name)).role();
        assertEquals("first", r.description());
        assertEquals(43200, r.maxSessionDuration());
        assertEquals("second", iam.updateRoleDescription(b -> b.roleName(name).description("second")).role()
                .description());
        String ec2 = TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com");
        iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(ec2));
        assertEquals(ec2, decode(iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument()));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, null,
                () -> iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument("{")));
        fails(AwsServiceException.class, "ValidationError", 400, null,
                () -> iam.updateRole(b -> b.roleName(name).maxSessionDuration(43201)));
    }

    @Test
    void listRolesPagesWithMarkerAndFiltersByPathPrefix() {
        String path = "/" + unique("paged") + "/";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String n = unique("p" + i);
            names.add(n);
            iam.createRole(b -> b.roleName(n).path(path).assumeRolePolicyDocument(TRUST)
                    .tags(Tag.builder().key("page").value("test").build()));
        }
        assertEquals(1, iam.getRole(b -> b.roleName(names.get(0))).role().tags().size(), "GetRole shows tags");
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListRolesResponse page = iam.listRoles(b -> b.pathPrefix(path).maxItems(2).marker(m));
            page.roles().forEach(r -> seen.add(r.roleName()));
            assertEquals(page.isTruncated(), page.marker() != null);
            page.roles().forEach(r -> assertTrue(r.tags().isEmpty(), "ListRoles leaves tags out"));
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertEquals(3, pages);
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), seen);
        assertEquals(5, iam.listRolesPaginator(b -> b.pathPrefix(path).maxItems(1)).roles().stream().count());
        fails(AwsServiceException.class, "ValidationError", 400, null, () -> iam.listRoles(b -> b.maxItems(0)));
    }

    @Test
    void tagsAreCaseInsensitiveAndListedInPages() {
        String name = unique("tags");
        createRole(name);
        iam.tagRole(b -> b.roleName(name).tags(Tag.builder().key("Env").value("dev").build(),
                Tag.builder().key("owner").value("me").build()));
        iam.tagRole(b -> b.roleName(name).tags(Tag.builder().key("env").value("prod").build()));
        assertEquals(List.of(Tag.builder().key("env").value("prod").build(), Tag.builder().key("owner").value("me").build()),
                iam.listRoleTags(b -> b.roleName(name)).tags());
        iam.untagRole(b -> b.roleName(name).tagKeys("OWNER"));
        assertEquals(1, iam.listRoleTags(b -> b.roleName(name)).tags().size());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null, () -> iam.listRoleTags(b -> b.roleName("absent")));
    }

    @Test
    void deleteRoleRefusesWhileInlineOrAttachedPoliciesOrAnInstanceProfileHoldIt() {
        String name = unique("del");
        createRole(name);
        iam.putRolePolicy(b -> b.roleName(name).policyName("inline").policyDocument(S3_READ));
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteRole(b -> b.roleName(name)));
        iam.deleteRolePolicy(b -> b.roleName(name).policyName("inline"));
        iam.attachRolePolicy(b -> b.roleName(name).policyArn(LAMBDA_BASIC));
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must detach all policies first.", () -> iam.deleteRole(b -> b.roleName(name)));
        iam.detachRolePolicy(b -> b.roleName(name).policyArn(LAMBDA_BASIC));
        String profile = unique("ip");
        iam.createInstanceProfile(b -> b.instanceProfileName(profile));
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(profile).roleName(name));
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must remove roles from instance profile first.",
                () -> iam.deleteRole(b -> b.roleName(name)));
        iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(profile).roleName(name));
        iam.deleteRole(b -> b.roleName(name));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null, () -> iam.getRole(b -> b.roleName(name)));
    }

    @Test
    void attachedAndInlinePoliciesOfARole() {
        String name = unique("pol");
        createRole(name);
        iam.attachRolePolicy(b -> b.roleName(name).policyArn(LAMBDA_BASIC));
        iam.attachRolePolicy(b -> b.roleName(name).policyArn(LAMBDA_BASIC));
        iam.attachRolePolicy(b -> b.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        List<AttachedPolicy> attached = iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies();
        assertEquals(List.of("AWSLambdaBasicExecutionRole", "AmazonSQSFullAccess"),
                attached.stream().map(AttachedPolicy::policyName).toList());
        assertEquals(LAMBDA_BASIC, attached.get(0).policyArn());
        assertEquals(List.of("AWSLambdaBasicExecutionRole"), iam.listAttachedRolePolicies(
                b -> b.roleName(name).pathPrefix("/service-role/")).attachedPolicies().stream()
                .map(AttachedPolicy::policyName).toList());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                "Policy arn:aws:iam::aws:policy/NoSuchManagedPolicy does not exist or is not attachable.",
                () -> iam.attachRolePolicy(b -> b.roleName(name).policyArn("arn:aws:iam::aws:policy/NoSuchManagedPolicy")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null,
                () -> iam.attachRolePolicy(b -> b.roleName("absent").policyArn(LAMBDA_BASIC)));

        iam.putRolePolicy(b -> b.roleName(name).policyName("b-read").policyDocument(S3_READ));
        iam.putRolePolicy(b -> b.roleName(name).policyName("a-read").policyDocument(S3_READ));
        assertEquals(List.of("a-read", "b-read"), iam.listRolePolicies(b -> b.roleName(name)).policyNames());
        var got = iam.getRolePolicy(b -> b.roleName(name).policyName("b-read"));
        assertEquals(name, got.roleName());
        assertEquals(S3_READ, decode(got.policyDocument()));
        assertTrue(got.policyDocument().contains("%20"), "spaces are %20, as RFC 3986 encodes them");
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The role policy with name c cannot be found.",
                () -> iam.getRolePolicy(b -> b.roleName(name).policyName("c")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, "Syntax errors in policy.",
                () -> iam.putRolePolicy(b -> b.roleName(name).policyName("x").policyDocument("[]")));
        assertFalse(iam.listRolePolicies(b -> b.roleName(name)).isTruncated());
    }
}
