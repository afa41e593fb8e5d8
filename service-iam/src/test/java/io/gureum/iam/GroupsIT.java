package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.User;

class GroupsIT extends IamTestSupport {

    @Test
    void aGroupHasMembersThatListTheirGroups() {
        String name = unique("devs");
        Group g = iam.createGroup(b -> b.groupName(name).path("/team/")).group();
        assertEquals("arn:aws:iam::000000000000:group/team/" + name, g.arn());
        assertTrue(g.groupId().matches("AGPA[A-Z0-9]{17}"), g.groupId());
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409,
                "Group with name " + name.toUpperCase() + " already exists.",
                () -> iam.createGroup(b -> b.groupName(name.toUpperCase())));
        String a = unique("a");
        String z = unique("z");
        iam.createUser(b -> b.userName(z));
        iam.createUser(b -> b.userName(a));
        iam.addUserToGroup(b -> b.groupName(name).userName(z));
        iam.addUserToGroup(b -> b.groupName(name).userName(a));
        iam.addUserToGroup(b -> b.groupName(name).userName(a));

        GetGroupResponse first = iam.getGroup(b -> b.groupName(name).maxItems(1));
        assertEquals(g.groupId(), first.group().groupId());
        assertEquals(List.of(a), first.users().stream().map(User::userName).toList());
        assertTrue(first.isTruncated());
        assertEquals(List.of(z), iam.getGroup(b -> b.groupName(name).marker(first.marker())).users().stream()
                .map(User::userName).toList());
        assertEquals(List.of(name), iam.listGroupsForUser(b -> b.userName(a)).groups().stream()
                .map(Group::groupName).toList());
        assertTrue(iam.listGroups(b -> b.pathPrefix("/team/")).groups().stream().anyMatch(x -> x.groupName().equals(name)));
        assertFalse(iam.listGroups(b -> b.pathPrefix("/other/")).groups().stream().anyMatch(x -> x.groupName().equals(name)));

        String renamed = unique("renamed");
        iam.updateGroup(b -> b.groupName(name).newGroupName(renamed).newPath("/moved/"));
        Group moved = iam.getGroup(b -> b.groupName(renamed)).group();
        assertEquals(g.groupId(), moved.groupId());
        assertEquals("arn:aws:iam::000000000000:group/moved/" + renamed, moved.arn());
        assertEquals(List.of(renamed), iam.listGroupsForUser(b -> b.userName(a)).groups().stream()
                .map(Group::groupName).toList());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The group with name " + name + " cannot be found.",
                () -> iam.getGroup(b -> b.groupName(name)));
        iam.updateGroup(b -> b.groupName(renamed).newGroupName(name).newPath("/team/"));

        iam.removeUserFromGroup(b -> b.groupName(name).userName(z));
        assertEquals(List.of(), iam.listGroupsForUser(b -> b.userName(z)).groups());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The user with name " + z + " cannot be found.",
                () -> iam.removeUserFromGroup(b -> b.groupName(name).userName(z)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The group with name absent-group cannot be found.",
                () -> iam.getGroup(b -> b.groupName("absent-group")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The user with name absent-user cannot be found.",
                () -> iam.addUserToGroup(b -> b.groupName(name).userName("absent-user")));
    }

    @Test
    void aGroupGoesOnlyOnceEmptyAndItsMembersOnlyOnceOutOfIt() {
        String name = unique("ops");
        String user = unique("u");
        iam.createGroup(b -> b.groupName(name));
        iam.createUser(b -> b.userName(user));
        iam.addUserToGroup(b -> b.groupName(name).userName(user));
        iam.putGroupPolicy(b -> b.groupName(name).policyName("Read").policyDocument(S3_READ));
        iam.attachGroupPolicy(b -> b.groupName(name).policyArn(LAMBDA_BASIC));

        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must remove users from group first.", () -> iam.deleteUser(b -> b.userName(user)));
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must remove users from group first.", () -> iam.deleteGroup(b -> b.groupName(name)));
        iam.removeUserFromGroup(b -> b.groupName(name).userName(user));
        iam.deleteUser(b -> b.userName(user));

        assertEquals(List.of("Read"), iam.listGroupPolicies(b -> b.groupName(name)).policyNames());
        assertEquals(S3_READ, decode(iam.getGroupPolicy(b -> b.groupName(name).policyName("read")).policyDocument()));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The group policy with name Write cannot be found.",
                () -> iam.getGroupPolicy(b -> b.groupName(name).policyName("Write")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                "Policy document should not specify a principal.", () -> iam.putGroupPolicy(b -> b.groupName(name)
                        .policyName("Trust").policyDocument(TRUST)));
        fails(DeleteConflictException.class, "DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                () -> iam.deleteGroup(b -> b.groupName(name)));
        iam.deleteGroupPolicy(b -> b.groupName(name).policyName("Read"));

        assertEquals(List.of(LAMBDA_BASIC), iam.listAttachedGroupPolicies(b -> b.groupName(name)).attachedPolicies()
                .stream().map(AttachedPolicy::policyArn).toList());
        fails(DeleteConflictException.class, "DeleteConflict", 409,
                "Cannot delete entity, must detach all policies first.", () -> iam.deleteGroup(b -> b.groupName(name)));
        iam.detachGroupPolicy(b -> b.groupName(name).policyArn(LAMBDA_BASIC));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Policy " + LAMBDA_BASIC + " was not found.",
                () -> iam.detachGroupPolicy(b -> b.groupName(name).policyArn(LAMBDA_BASIC)));

        iam.deleteGroup(b -> b.groupName(name));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "The group with name " + name + " cannot be found.",
                () -> iam.deleteGroup(b -> b.groupName(name)));
    }

    @Test
    void listEntitiesForPolicyNamesWhatTheAttachmentsAndBoundariesAre() {
        String arn = iam.createPolicy(b -> b.policyName(unique("shared")).policyDocument(S3_READ)).policy().arn();
        String group = unique("g");
        String user = unique("u");
        String role = unique("r");
        String bounded = unique("rb");
        iam.createGroup(b -> b.groupName(group));
        iam.createUser(b -> b.userName(user));
        createRole(role);
        iam.createRole(b -> b.roleName(bounded).assumeRolePolicyDocument(TRUST).permissionsBoundary(arn));
        iam.attachGroupPolicy(b -> b.groupName(group).policyArn(arn));
        iam.attachUserPolicy(b -> b.userName(user).policyArn(arn));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(arn));

        ListEntitiesForPolicyResponse all = iam.listEntitiesForPolicy(b -> b.policyArn(arn));
        assertEquals(List.of(group), all.policyGroups().stream().map(PolicyGroup::groupName).toList());
        assertEquals(List.of(user), all.policyUsers().stream().map(PolicyUser::userName).toList());
        assertEquals(List.of(role, bounded).stream().sorted().toList(),
                all.policyRoles().stream().map(PolicyRole::roleName).toList());
        ListEntitiesForPolicyResponse roles = iam.listEntitiesForPolicy(b -> b.policyArn(arn)
                .entityFilter(EntityType.ROLE).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY));
        assertEquals(List.of(role), roles.policyRoles().stream().map(PolicyRole::roleName).toList());
        assertEquals(List.of(), roles.policyUsers());
        assertEquals(List.of(bounded), iam.listEntitiesForPolicy(b -> b.policyArn(arn)
                .policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)).policyRoles().stream()
                .map(PolicyRole::roleName).toList());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, "Policy " + arn + "x was not found.",
                () -> iam.listEntitiesForPolicy(b -> b.policyArn(arn + "x")));
    }
}
