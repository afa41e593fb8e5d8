package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessResponse;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;

/** ListPoliciesGrantingServiceAccess over users (with their groups), groups and roles. */
class ServiceAccessPoliciesIT extends IamTestSupport {
    private static final String SQS_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}";
    private static final String DENY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String ALL_BUT_IAM = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}";

    private static Map<String, List<String>> names(ListPoliciesGrantingServiceAccessResponse r) {
        return r.policiesGrantingServiceAccess().stream().collect(Collectors.toMap(
                ListPoliciesGrantingServiceAccessEntry::serviceNamespace,
                e -> e.policies().stream().map(PolicyGrantingServiceAccess::policyName).toList()));
    }

    @Test
    void userWithItsGroupsPolicies() {
        String user = unique("lpg");
        String group = unique("lpgg");
        String arn = iam.createUser(b -> b.userName(user)).user().arn();
        iam.createGroup(b -> b.groupName(group));
        iam.addUserToGroup(b -> b.groupName(group).userName(user));
        iam.putUserPolicy(b -> b.userName(user).policyName("reads").policyDocument(S3_READ));
        iam.putUserPolicy(b -> b.userName(user).policyName("no-s3").policyDocument(DENY_S3));
        iam.putGroupPolicy(b -> b.groupName(group).policyName("queues").policyDocument(SQS_ALL));
        String managed = iam.createPolicy(b -> b.policyName(unique("notiam")).policyDocument(ALL_BUT_IAM))
                .policy().arn();
        iam.attachGroupPolicy(b -> b.groupName(group).policyArn(managed));

        ListPoliciesGrantingServiceAccessResponse r = iam.listPoliciesGrantingServiceAccess(b -> b.arn(arn)
                .serviceNamespaces("s3", "sqs", "iam"));
        assertFalse(r.isTruncated());
        assertEquals(List.of("s3", "sqs", "iam"), r.policiesGrantingServiceAccess().stream()
                .map(ListPoliciesGrantingServiceAccessEntry::serviceNamespace).toList());
        String managedName = managed.substring(managed.lastIndexOf('/') + 1);
        Map<String, List<String>> byNamespace = names(r);
        assertEquals(List.of("reads", managedName), byNamespace.get("s3"));
        assertEquals(List.of("queues", managedName), byNamespace.get("sqs"));
        assertEquals(List.of(), byNamespace.get("iam"));

        PolicyGrantingServiceAccess inline = r.policiesGrantingServiceAccess().get(1).policies().get(0);
        assertEquals(PolicyType.INLINE, inline.policyType());
        assertEquals(PolicyOwnerEntityType.GROUP, inline.entityType());
        assertEquals(group, inline.entityName());
        assertNull(inline.policyArn());
        PolicyGrantingServiceAccess attached = r.policiesGrantingServiceAccess().get(1).policies().get(1);
        assertEquals(PolicyType.MANAGED, attached.policyType());
        assertEquals(managed, attached.policyArn());
        assertNull(attached.entityType());

        // A group's list has only its own policies.
        String groupArn = iam.getGroup(b -> b.groupName(group)).group().arn();
        assertEquals(List.of(), names(iam.listPoliciesGrantingServiceAccess(b -> b.arn(groupArn)
                .serviceNamespaces("s3"))).get("s3").stream().filter("reads"::equals).toList());
    }

    @Test
    void roleWithAwsManagedPolicy() {
        String role = unique("lpgr");
        String arn = createRole(role);
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(LAMBDA_BASIC));
        Map<String, List<String>> byNamespace = names(iam.listPoliciesGrantingServiceAccess(b -> b.arn(arn)
                .serviceNamespaces("logs", "s3")));
        assertEquals(List.of("AWSLambdaBasicExecutionRole"), byNamespace.get("logs"));
        assertEquals(List.of(), byNamespace.get("s3"));
    }

    @Test
    void unknownEntityAndBadArn() {
        fails(AwsServiceException.class, "NoSuchEntity", 404, "The role with name nobody cannot be found.",
                () -> iam.listPoliciesGrantingServiceAccess(b -> b.arn("arn:aws:iam::000000000000:role/nobody")
                        .serviceNamespaces("s3")));
        fails(AwsServiceException.class, "InvalidInput", 400, null,
                () -> iam.listPoliciesGrantingServiceAccess(b -> b.arn("arn:aws:s3:::bucket-name")
                        .serviceNamespaces("s3")));
    }
}
