package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * STS {@code AssumeRoot} with a real organization: the management account's IAM user gets a member account's
 * root session scoped by a task policy, which {@code --enforce-iam} applies to every request of the session.
 */
class AssumeRootIT {
    private static final String MANAGEMENT = "555555555555";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder()
            .config(c -> c.enforceIam(true)).build();
    static Gureum gureum;
    static String member;
    static String operatorKey;

    @BeforeAll
    static void organization() {
        gureum = aws.gureum();
        try (OrganizationsClient orgs = AwsClients.client(OrganizationsClient.builder(), gureum.endpoint(), MANAGEMENT,
                "us-east-1"); IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), MANAGEMENT,
                        "us-east-1")) {
            orgs.createOrganization(b -> b.featureSet("ALL"));
            String request = orgs.createAccount(b -> b.accountName("member").email("member@example.com"))
                    .createAccountStatus().id();
            gureum.context().clock().advance(Duration.ofMinutes(10));
            member = orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
            iam.createUser(b -> b.userName("root-operator"));
            iam.putUserPolicy(b -> b.userName("root-operator").policyName("assume-root").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoot\","
                            + "\"Resource\":\"*\"}]}"));
            operatorKey = iam.createAccessKey(b -> b.userName("root-operator")).accessKey().accessKeyId();
        }
    }

    private static StsClient sts(String key) {
        return AwsClients.client(StsClient.builder(), gureum.endpoint(), key, "us-east-1");
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C as(B builder,
            Credentials c) {
        return builder.endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()))).build();
    }

    private static Credentials assumeRoot(String task) {
        try (StsClient sts = sts(operatorKey)) {
            return sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(
                    "arn:aws:iam::aws:policy/root-task/" + task))).credentials();
        }
    }

    @Test
    void theSessionIsTheMemberAccountsRootScopedByItsTaskPolicy() {
        Credentials c = assumeRoot("SQSUnlockQueuePolicy");
        assertTrue(c.expiration().isBefore(gureum.context().clock().now().plusSeconds(901)));
        try (StsClient sts = as(StsClient.builder().httpClient(UrlConnectionHttpClient.create()), c);
                SqsClient sqs = as(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()), c)) {
            var me = sts.getCallerIdentity();
            assertEquals(member, me.account());
            assertEquals("arn:aws:iam::" + member + ":root", me.arn());
            sqs.listQueues();
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> sqs.createQueue(b -> b.queueName("no")));
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + member + ":root is not authorized to perform: sqs:CreateQueue on "
                    + "resource: arn:aws:sqs:us-east-1:" + member + ":no with an explicit deny in an identity-based "
                    + "policy", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void onlyTheManagementAccountsPrincipalsMayStartOne() {
        AwsServiceException rootKeys = assertThrows(AwsServiceException.class, () -> sts(MANAGEMENT).assumeRoot(b -> b
                .targetPrincipal(member).taskPolicyArn(p -> p.arn(
                        "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))));
        assertEquals("AccessDenied", rootKeys.awsErrorDetails().errorCode());
        assertEquals(403, rootKeys.statusCode());
        AwsServiceException notMember = assertThrows(AwsServiceException.class, () -> sts(operatorKey).assumeRoot(b -> b
                .targetPrincipal("999999999999").taskPolicyArn(p -> p.arn(
                        "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"))));
        assertEquals("User: arn:aws:iam::" + MANAGEMENT + ":user/root-operator is not authorized to perform: "
                + "sts:AssumeRoot on resource: arn:aws:iam::999999999999:root", notMember.awsErrorDetails().errorMessage());
        AwsServiceException notATask = assertThrows(AwsServiceException.class, () -> sts(operatorKey).assumeRoot(b -> b
                .targetPrincipal(member).taskPolicyArn(p -> p.arn("arn:aws:iam::aws:policy/AdministratorAccess"))));
        assertEquals("AccessDenied", notATask.awsErrorDetails().errorCode());
    }

    @Test
    void anAuditSessionReadsTheRootUsersCredentialsOnly() {
        Credentials c = assumeRoot("IAMAuditRootUserCredentials");
        try (IamClient iam = as(IamClient.builder().httpClient(UrlConnectionHttpClient.create()), c)) {
            iam.getAccountSummary();
            AwsServiceException e = assertThrows(AwsServiceException.class, () -> iam.createUser(b -> b.userName("x")));
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().endsWith("with an explicit deny in an identity-based policy"),
                    e.awsErrorDetails().errorMessage());
        }
    }
}
