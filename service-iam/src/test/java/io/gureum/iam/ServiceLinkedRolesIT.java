package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;

/** Service-linked roles, and RoleLastUsed after AssumeRole. */
class ServiceLinkedRolesIT extends IamTestSupport {

    @Test
    void autoScalingRoleHasAwsNamePathTrustAndPolicy() {
        Role role = iam.createServiceLinkedRole(b -> b.awsServiceName("autoscaling.amazonaws.com")
                .description("for my groups")).role();
        assertEquals("AWSServiceRoleForAutoScaling", role.roleName());
        assertEquals("/aws-service-role/autoscaling.amazonaws.com/", role.path());
        assertEquals("arn:aws:iam::000000000000:role/aws-service-role/autoscaling.amazonaws.com/"
                + "AWSServiceRoleForAutoScaling", role.arn());
        assertTrue(decode(role.assumeRolePolicyDocument()).contains("\"Service\":[\"autoscaling.amazonaws.com\"]"));
        assertEquals(List.of("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"),
                iam.listAttachedRolePolicies(b -> b.roleName("AWSServiceRoleForAutoScaling")).attachedPolicies()
                        .stream().map(AttachedPolicy::policyArn).toList());
        fails(AwsServiceException.class, "InvalidInput", 400, "Service role name AWSServiceRoleForAutoScaling has been "
                + "taken in this account, please try a different suffix.",
                () -> iam.createServiceLinkedRole(b -> b.awsServiceName("autoscaling.amazonaws.com")));
        // Auto Scaling allows custom suffixes; Elastic Load Balancing does not.
        assertEquals("AWSServiceRoleForAutoScaling_web", iam.createServiceLinkedRole(
                b -> b.awsServiceName("autoscaling.amazonaws.com").customSuffix("web")).role().roleName());
        fails(AwsServiceException.class, "InvalidInput", 400, null, () -> iam.createServiceLinkedRole(
                b -> b.awsServiceName("elasticloadbalancing.amazonaws.com").customSuffix("x")));
        assertEquals("AWSServiceRoleForElasticLoadBalancing", iam.createServiceLinkedRole(
                b -> b.awsServiceName("elasticloadbalancing.amazonaws.com")).role().roleName());

        // IAM's own operations cannot change or delete it.
        fails(AwsServiceException.class, "UnmodifiableEntity", 400, "Cannot perform the operation on the protected "
                + "role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS",
                () -> iam.deleteRole(b -> b.roleName("AWSServiceRoleForAutoScaling")));
        fails(AwsServiceException.class, "UnmodifiableEntity", 400, null, () -> iam.attachRolePolicy(
                b -> b.roleName("AWSServiceRoleForAutoScaling").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")));

        String task = iam.deleteServiceLinkedRole(b -> b.roleName("AWSServiceRoleForAutoScaling")).deletionTaskId();
        assertTrue(task.startsWith("task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/"),
                task);
        assertEquals(DeletionTaskStatusType.SUCCEEDED,
                iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)).status());
        fails(AwsServiceException.class, "NoSuchEntity", 404, null,
                () -> iam.getRole(b -> b.roleName("AWSServiceRoleForAutoScaling")));
        String plain = unique("plain");
        createRole(plain);
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.deleteServiceLinkedRole(b -> b.roleName(plain)));
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.createServiceLinkedRole(b -> b.awsServiceName("nothing.amazonaws.com")));
    }

    @Test
    void roleLastUsedFollowsAssumeRole() {
        String name = unique("used");
        String arn = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"000000000000\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        assertNull(iam.getRole(b -> b.roleName(name)).role().roleLastUsed().lastUsedDate());
        try (StsClient sts = io.gureum.core.testing.AwsClients.client(StsClient.builder(), gureum.endpoint(), "test",
                "eu-west-1")) {
            sts.assumeRole(b -> b.roleArn(arn).roleSessionName("ss"));
        }
        var used = iam.getRole(b -> b.roleName(name)).role().roleLastUsed();
        assertNotNull(used.lastUsedDate());
        assertEquals("eu-west-1", used.region());
    }
}
