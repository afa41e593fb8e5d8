package io.gureum.cloudformation.resource.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** The IAM handlers, each created, updated and deleted through the SPI and checked through IAM. */
class IamHandlersIT extends HandlerTestSupport {
    static final String TRUST = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':"
            + "{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}";
    static final String READ_S3 = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject',"
            + "'Resource':'*'}]}";
    static final String READ_SQS = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':"
            + "'sqs:ReceiveMessage','Resource':'*'}]}";
    static final String LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    IamClient iam() {
        return client(IamClient.class);
    }

    @Test
    void roleWithInlineAndManagedPoliciesUpdatesInPlaceAndDeletesThemAll() {
        Deployed role = create(new RoleHandler(), "ExecRole", props("{'AssumeRolePolicyDocument':" + TRUST
                + ",'Policies':[{'PolicyName':'s3','PolicyDocument':" + READ_S3 + "}],'ManagedPolicyArns':['"
                + LAMBDA_BASIC + "'],'Tags':[{'Key':'App','Value':'orders'}]}"));
        assertTrue(role.id().startsWith(STACK + "-ExecRole-"), role.id());
        assertTrue(role.id().length() <= 64);
        Role r = iam().getRole(b -> b.roleName(role.id())).role();
        assertEquals(r.arn(), role.att("Arn"));
        assertEquals(r.roleId(), role.att("RoleId"));
        assertEquals("arn:aws:iam::" + account + ":role/" + role.id(), r.arn());
        assertTrue(URLDecoder.decode(r.assumeRolePolicyDocument(), StandardCharsets.UTF_8)
                .contains("lambda.amazonaws.com"));
        assertEquals(List.of("s3"), iam().listRolePolicies(b -> b.roleName(role.id())).policyNames());
        assertEquals(LAMBDA_BASIC, iam().listAttachedRolePolicies(b -> b.roleName(role.id())).attachedPolicies().get(0)
                .policyArn());
        List<String> tagKeys = iam().listRoleTags(b -> b.roleName(role.id())).tags().stream().map(Tag::key).toList();
        assertTrue(tagKeys.contains("App") && tagKeys.contains("team"), tagKeys.toString());

        assertTrue(replaces(role, props("{'RoleName':'fixed','AssumeRolePolicyDocument':" + TRUST + "}")));
        Deployed updated = update(role, props("{'AssumeRolePolicyDocument':" + TRUST + ",'Policies':[{'PolicyName':"
                + "'sqs','PolicyDocument':" + READ_SQS + "}],'Description':'orders'}"));
        assertEquals(role.id(), updated.id());
        assertEquals(List.of("sqs"), iam().listRolePolicies(b -> b.roleName(role.id())).policyNames());
        assertTrue(iam().listAttachedRolePolicies(b -> b.roleName(role.id())).attachedPolicies().isEmpty());
        assertEquals("orders", iam().getRole(b -> b.roleName(role.id())).role().description());

        delete(updated);
        assertThrows(NoSuchEntityException.class, () -> iam().getRole(b -> b.roleName(role.id())));
        delete(updated);
    }

    @Test
    void usersGroupsPoliciesInstanceProfilesAndAccessKeys() {
        Deployed group = create(new GroupHandler(), "Devs", props("{'Policies':[{'PolicyName':'read','PolicyDocument':"
                + READ_S3 + "}]}"));
        assertEquals(iam().getGroup(b -> b.groupName(group.id())).group().arn(), group.att("Arn"));
        Deployed user = create(new UserHandler(), "Alice", props("{'UserName':'alice','Groups':['" + group.id()
                + "'],'LoginProfile':{'Password':'Secr3t!Passw0rd','PasswordResetRequired':false}}"));
        assertEquals("alice", user.id());
        assertEquals("arn:aws:iam::" + account + ":user/alice", user.att("Arn"));
        assertEquals(group.id(), iam().listGroupsForUser(b -> b.userName("alice")).groups().get(0).groupName());
        Deployed key = create(new AccessKeyHandler(), "AliceKey", props("{'UserName':'alice'}"));
        assertTrue(key.id().startsWith("AKIA"), key.id());
        assertEquals(40, key.att("SecretAccessKey").length());
        Deployed inactive = update(key, props("{'UserName':'alice','Status':'Inactive'}"));
        assertEquals("Inactive", iam().listAccessKeys(b -> b.userName("alice")).accessKeyMetadata().get(0)
                .statusAsString());
        assertTrue(replaces(key, props("{'UserName':'alice','Serial':2}")));

        Deployed role = create(new RoleHandler(), "Ec2Role", props("{'AssumeRolePolicyDocument':" + TRUST + "}"));
        Deployed policy = create(new PolicyHandler(), "Inline", props("{'PolicyName':'sqs','PolicyDocument':"
                + READ_SQS + ",'Roles':['" + role.id() + "'],'Users':['alice']}"));
        assertEquals(policy.id(), policy.att("Id"));
        assertEquals(List.of("sqs"), iam().listRolePolicies(b -> b.roleName(role.id())).policyNames());
        assertEquals(List.of("sqs"), iam().listUserPolicies(b -> b.userName("alice")).policyNames());
        Deployed policy2 = update(policy, props("{'PolicyName':'sqs','PolicyDocument':" + READ_SQS + ",'Roles':['"
                + role.id() + "']}"));
        assertTrue(iam().listUserPolicies(b -> b.userName("alice")).policyNames().isEmpty());

        Deployed managed = create(new ManagedPolicyHandler(), "Managed", props("{'PolicyDocument':" + READ_S3
                + ",'Roles':['" + role.id() + "']}"));
        assertTrue(managed.id().startsWith("arn:aws:iam::" + account + ":policy/" + STACK + "-Managed-"), managed.id());
        assertEquals("v1", managed.att("DefaultVersionId"));
        assertEquals(1, managed.created().attributes().get("AttachmentCount").asInt());
        Deployed managed2 = update(managed, props("{'PolicyDocument':" + READ_SQS + ",'Groups':['" + group.id()
                + "']}"));
        assertEquals("v2", managed2.att("DefaultVersionId"));
        assertTrue(iam().listAttachedRolePolicies(b -> b.roleName(role.id())).attachedPolicies().isEmpty());
        assertEquals(managed.id(), iam().listAttachedGroupPolicies(b -> b.groupName(group.id())).attachedPolicies()
                .get(0).policyArn());

        Deployed profile = create(new InstanceProfileHandler(), "Profile", props("{'Roles':['" + role.id() + "']}"));
        assertEquals(iam().getInstanceProfile(b -> b.instanceProfileName(profile.id())).instanceProfile().arn(),
                profile.att("Arn"));
        Deployed emptyProfile = update(profile, props("{'Roles':[]}"));
        assertTrue(iam().getInstanceProfile(b -> b.instanceProfileName(profile.id())).instanceProfile().roles()
                .isEmpty());

        for (Deployed d : List.of(emptyProfile, managed2, policy2, role, inactive, user, group)) {
            delete(d);
            delete(d);
        }
        assertThrows(NoSuchEntityException.class, () -> iam().getUser(b -> b.userName("alice")));
        assertThrows(NoSuchEntityException.class, () -> iam().getPolicy(b -> b.policyArn(managed.id())));
        assertFalse(iam().listGroups().groups().stream().anyMatch(g -> g.groupName().equals(group.id())));
    }
}
