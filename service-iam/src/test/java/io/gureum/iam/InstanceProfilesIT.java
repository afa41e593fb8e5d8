package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

class InstanceProfilesIT extends IamTestSupport {

    @Test
    void anInstanceProfileHoldsOneRole() {
        String name = unique("web");
        InstanceProfile ip = iam.createInstanceProfile(b -> b.instanceProfileName(name).path("/ec2/")).instanceProfile();
        assertEquals("arn:aws:iam::000000000000:instance-profile/ec2/" + name, ip.arn());
        assertTrue(ip.instanceProfileId().matches("AIPA[A-Z0-9]{17}"), ip.instanceProfileId());
        assertTrue(ip.roles().isEmpty());
        String role = unique("web-role");
        String other = unique("other-role");
        createRole(role);
        createRole(other);
        iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(role));
        fails(LimitExceededException.class, "LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
                () -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName(other)));
        InstanceProfile got = iam.getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile();
        assertEquals(List.of(role), got.roles().stream().map(r -> r.roleName()).toList());
        assertEquals(TRUST, decode(got.roles().get(0).assumeRolePolicyDocument()));
        assertEquals(List.of(name), iam.listInstanceProfilesForRole(b -> b.roleName(role)).instanceProfiles().stream()
                .map(InstanceProfile::instanceProfileName).toList());
        assertTrue(iam.listInstanceProfiles(b -> b.pathPrefix("/ec2/")).instanceProfiles().stream()
                .anyMatch(p -> p.instanceProfileName().equals(name)));
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must remove roles from instance profile first.",
                () -> iam.deleteInstanceProfile(b -> b.instanceProfileName(name)));
        iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(name).roleName(role));
        assertTrue(iam.listInstanceProfilesForRole(b -> b.roleName(role)).instanceProfiles().isEmpty());
        iam.deleteInstanceProfile(b -> b.instanceProfileName(name));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Instance Profile " + name + " cannot be found.",
                () -> iam.getInstanceProfile(b -> b.instanceProfileName(name)));
    }

    @Test
    void duplicateNamesAndUnknownRolesAreRefused() {
        String name = unique("dup");
        iam.createInstanceProfile(b -> b.instanceProfileName(name));
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409, null,
                () -> iam.createInstanceProfile(b -> b.instanceProfileName(name)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The role with name ghost cannot be found.",
                () -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName(name).roleName("ghost")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, null,
                () -> iam.listInstanceProfilesForRole(b -> b.roleName("ghost")));
    }

    @Test
    void instanceProfilesTakeTags() {
        String name = unique("tagged");
        iam.createInstanceProfile(b -> b.instanceProfileName(name));
        iam.tagInstanceProfile(b -> b.instanceProfileName(name).tags(Tag.builder().key("b").value("2").build(),
                Tag.builder().key("a").value("1").build()));
        assertEquals(List.of("a", "b"), iam.listInstanceProfileTags(b -> b.instanceProfileName(name)).tags().stream()
                .map(Tag::key).toList());
        iam.untagInstanceProfile(b -> b.instanceProfileName(name).tagKeys("a"));
        assertEquals(List.of(Tag.builder().key("b").value("2").build()),
                iam.getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().tags());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Instance Profile absent-ip cannot be found.",
                () -> iam.listInstanceProfileTags(b -> b.instanceProfileName("absent-ip")));
    }
}
