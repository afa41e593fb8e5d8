package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/** The credential report, and policy documents checked as IAM checks them. */
class CredentialReportIT extends IamTestSupport {

    @Test
    void reportIsACsvWithAwsColumnsAfterGeneration() {
        try (IamClient acct = AwsClients.client(IamClient.builder(), gureum.endpoint(), "555555555555", "us-east-1")) {
            fails(AwsServiceException.class, "ReportNotPresent", 410, null, () -> acct.getCredentialReport());
            acct.createUser(b -> b.userName("carol"));
            acct.createAccessKey(b -> b.userName("carol"));
            assertEquals(ReportStateType.STARTED, acct.generateCredentialReport().state());
            assertEquals(ReportStateType.COMPLETE, acct.generateCredentialReport().state());
            GetCredentialReportResponse r = acct.getCredentialReport();
            assertEquals(ReportFormatType.TEXT_CSV, r.reportFormat());
            List<String> lines = r.content().asUtf8String().lines().toList();
            assertEquals("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                    + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                    + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                    + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                    + "cert_2_active,cert_2_last_rotated", lines.get(0));
            assertTrue(lines.get(1).startsWith("<root_account>,arn:aws:iam::555555555555:root,"), lines.get(1));
            String[] carol = lines.get(2).split(",");
            assertEquals(22, carol.length);
            assertEquals("carol", carol[0]);
            assertEquals("false", carol[3]);
            assertEquals("true", carol[8]);
            assertTrue(carol[9].matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00"), carol[9]);
            assertEquals("false", carol[13]);
        }
    }

    @Test
    void policyDocumentsAreCheckedAsIamDoes() {
        String role = unique("pd");
        createRole(role);
        fails(AwsServiceException.class, "MalformedPolicyDocument", 400, "Invalid effect: Permit",
                () -> iam.putRolePolicy(b -> b.roleName(role).policyName("p").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"s3:*\","
                                + "\"Resource\":\"*\"}}")));
        fails(AwsServiceException.class, "MalformedPolicyDocument", 400,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
                () -> iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetObject\","
                                + "\"Resource\":\"*\"}}")));
        fails(AwsServiceException.class, "MalformedPolicyDocument", 400, "Actions/Condition can contain only one colon.",
                () -> iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:a:b\","
                                + "\"Resource\":\"*\"}}")));
        fails(AwsServiceException.class, "MalformedPolicyDocument", 400,
                "Resource bucket must be in ARN format or \"*\".",
                () -> iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                                + "\"Resource\":\"bucket\"}}")));
        fails(AwsServiceException.class, "MalformedPolicyDocument", 400, "Invalid Condition type : StringEqualz.",
                () -> iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                                + "\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}}")));
        // Size: a managed policy counts 6,144 characters without whitespace; a role's inline policies 10,240 together.
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + "b".repeat(6100) + "\"}}";
        fails(AwsServiceException.class, "LimitExceeded", 409, "Cannot exceed quota for PolicySize: 6144",
                () -> iam.createPolicy(b -> b.policyName(unique("p")).policyDocument(big)));
        iam.putRolePolicy(b -> b.roleName(role).policyName("one").policyDocument(big));
        fails(AwsServiceException.class, "LimitExceeded", 409,
                "Maximum policy size of 10240 bytes exceeded for role " + role,
                () -> iam.putRolePolicy(b -> b.roleName(role).policyName("two").policyDocument(big)));
        // Replacing a policy counts its new size only.
        iam.putRolePolicy(b -> b.roleName(role).policyName("one").policyDocument(big));
    }

    @Test
    void authorizationDetailsFilterAndPage() {
        try (IamClient acct = AwsClients.client(IamClient.builder(), gureum.endpoint(), "666666666666", "us-east-1")) {
            acct.createUser(b -> b.userName("u1"));
            acct.createUser(b -> b.userName("u2"));
            acct.createGroup(b -> b.groupName("g1"));
            acct.addUserToGroup(b -> b.groupName("g1").userName("u1"));
            acct.createRole(b -> b.roleName("r1").assumeRolePolicyDocument(TRUST));
            acct.attachRolePolicy(b -> b.roleName("r1").policyArn(LAMBDA_BASIC));
            acct.putUserPolicy(b -> b.userName("u1").policyName("inline").policyDocument(S3_READ));
            String local = acct.createPolicy(b -> b.policyName("local").policyDocument(S3_READ)).policy().arn();
            var all = acct.getAccountAuthorizationDetails();
            assertEquals(List.of("u1", "u2"), all.userDetailList().stream().map(u -> u.userName()).toList());
            assertEquals(List.of("g1"), all.userDetailList().get(0).groupList());
            assertEquals("inline", all.userDetailList().get(0).userPolicyList().get(0).policyName());
            assertEquals(S3_READ, decode(all.userDetailList().get(0).userPolicyList().get(0).policyDocument()));
            assertEquals(List.of("r1"), all.roleDetailList().stream().map(r -> r.roleName()).toList());
            assertEquals(List.of(local, LAMBDA_BASIC), all.policies().stream().map(p -> p.arn()).sorted().toList());
            var roles = acct.getAccountAuthorizationDetails(b -> b.filterWithStrings("Role"));
            assertEquals(List.of(), roles.userDetailList());
            assertEquals(1, roles.roleDetailList().size());
            var localOnly = acct.getAccountAuthorizationDetails(b -> b.filterWithStrings("LocalManagedPolicy"));
            assertEquals(List.of(local), localOnly.policies().stream().map(p -> p.arn()).toList());
            // Paged over the four lists together.
            var first = acct.getAccountAuthorizationDetails(b -> b.maxItems(2));
            assertTrue(first.isTruncated());
            assertEquals(2, first.userDetailList().size());
            var rest = acct.getAccountAuthorizationDetails(b -> b.marker(first.marker()));
            assertEquals(1, rest.groupDetailList().size());
            assertEquals(1, rest.roleDetailList().size());
            assertEquals(2, rest.policies().size());
        }
    }
}
