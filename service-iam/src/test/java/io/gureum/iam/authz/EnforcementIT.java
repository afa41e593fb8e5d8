package io.gureum.iam.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ControlPolicies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** {@code --enforce-iam}: every request is decided by AWS's evaluation logic and denied in AWS's words. */
class EnforcementIT extends AuthorizationTestSupport {
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = start(true);
    }

    @AfterAll
    static void stop() {
        closeClients();
        gureum.close();
    }

    @Test
    void aUserDenyingEverythingCanNeitherCreateQueuesNorMakeItselfAdministrator() {
        String name = unique("deny-all");
        String key = user(gureum, name, doc(deny("*")));
        String queue = unique("q");
        AwsServiceException e = denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":user/" + name
                + " is not authorized to perform: sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:" + A + ":" + queue
                + " with an explicit deny in an identity-based policy",
                () -> sqs(gureum, key, "us-east-1").createQueue(b -> b.queueName(queue)));
        assertEquals("explicit deny in identity-based policy p0 (Deny)", decisionHeader(e));
        denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":user/" + name + " is not authorized to perform: "
                + "iam:AttachUserPolicy on resource: arn:aws:iam::" + A + ":user/" + name
                + " with an explicit deny in an identity-based policy",
                () -> iam(gureum, key).attachUserPolicy(b -> b.userName(name)
                        .policyArn("arn:aws:iam::aws:policy/AdministratorAccess")));
        assertTrue(iam(gureum, A).listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies().isEmpty());
    }

    @Test
    void aUserWithoutPoliciesIsDeniedBecauseNoIdentityPolicyAllows() {
        String name = unique("nobody");
        String key = user(gureum, name);
        AwsServiceException e = denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":user/" + name
                + " is not authorized to perform: iam:ListUsers because no identity-based policy allows the "
                + "iam:ListUsers action",
                () -> iam(gureum, key).listUsers());
        assertEquals("implicit deny: no identity-based policy allows the request", decisionHeader(e));
    }

    @Test
    void aUsersPolicyAllowsAndItsGroupsPoliciesCount() {
        String name = unique("grouped");
        String key = user(gureum, name);
        IamClient root = iam(gureum, A);
        String group = unique("g");
        root.createGroup(b -> b.groupName(group));
        root.addUserToGroup(b -> b.groupName(group).userName(name));
        root.attachGroupPolicy(b -> b.groupName(group).policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));
        assertNotNull(sqs(gureum, key, "us-east-1").createQueue(b -> b.queueName(unique("q"))).queueUrl());
    }

    @Test
    void aPermissionsBoundaryCapsAnAdministrator() {
        IamClient root = iam(gureum, A);
        String boundary = root.createPolicy(b -> b.policyName(unique("sqs-only")).policyDocument(doc(allow("sqs:*"))))
                .policy().arn();
        String name = unique("capped-admin");
        String key = user(gureum, name);
        root.attachUserPolicy(b -> b.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        root.putUserPermissionsBoundary(b -> b.userName(name).permissionsBoundary(boundary));
        assertNotNull(sqs(gureum, key, "us-east-1").createQueue(b -> b.queueName(unique("q"))).queueUrl());
        String other = unique("other");
        denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":user/" + name + " is not authorized to perform: "
                + "iam:CreateUser on resource: arn:aws:iam::" + A + ":user/" + other
                + " because no permissions boundary allows the iam:CreateUser action",
                () -> iam(gureum, key).createUser(b -> b.userName(other)));
    }

    @Test
    void aSessionPolicyNarrowsAnAdministratorRole() {
        IamClient root = iam(gureum, A);
        String role = unique("admin-role");
        String roleArn = root.createRole(b -> b.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A + "\"},\"Action\":"
                + "\"sts:AssumeRole\"}]}")).role().arn();
        root.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        StsClient sts = software.amazon.awssdk.services.sts.StsClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(A, "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        Credentials c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("narrow")
                .policy(doc(allow("iam:ListRoles")))).credentials();
        sts.close();
        IamClient session = IamClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).credentialsProvider(
                        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(),
                                        c.secretAccessKey(), c.sessionToken())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        try (session) {
            assertTrue(session.listRoles().roles().stream().anyMatch(r -> r.arn().equals(roleArn)));
            denied("AccessDenied", 403, "User: arn:aws:sts::" + A + ":assumed-role/" + role + "/narrow is not "
                    + "authorized to perform: iam:ListUsers because no session policy allows the iam:ListUsers action",
                    session::listUsers);
        }
    }

    @Test
    void aServiceControlPolicyDenyingARegionBindsTheRootUser() {
        String scp = doc("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Sid\":\"DenyOutsideEu\","
                + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                + "{\"aws:RequestedRegion\":\"eu-west-1\"}}}");
        String member = "444444444444";
        gureum.context().shared().replace(ControlPolicies.class, new ControlPolicies() {
            @Override
            public List<Map<String, String>> serviceControlPolicies(String accountId) {
                return accountId.equals(member) ? List.of(Map.of("p-region", scp)) : List.of();
            }

            @Override
            public List<Map<String, String>> resourceControlPolicies(String accountId) {
                return List.of();
            }
        });
        try {
            String queue = unique("q");
            AwsServiceException e = denied("AccessDenied", 403, "User: arn:aws:iam::" + member + ":root is not "
                    + "authorized to perform: sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:" + member + ":"
                    + queue + " with an explicit deny in a service control policy",
                    () -> sqs(gureum, member, "us-east-1").createQueue(b -> b.queueName(queue)));
            assertEquals("explicit deny in service control policy p-region statement DenyOutsideEu (Deny)",
                    decisionHeader(e));
            assertNotNull(sqs(gureum, member, "eu-west-1").createQueue(b -> b.queueName(queue)).queueUrl());
        } finally {
            gureum.context().shared().replace(ControlPolicies.class, ControlPolicies.NONE);
        }
    }

    @Test
    void crossAccountAccessNeedsTheQueuePolicy() {
        String queue = unique("shared");
        String url = sqs(gureum, B, "us-east-1").createQueue(b -> b.queueName(queue)).queueUrl();
        String arn = "arn:aws:sqs:us-east-1:" + B + ":" + queue;
        denied("AccessDenied", 403, "User: arn:aws:iam::" + A + ":root is not authorized to perform: "
                + "sqs:PurgeQueue on resource: " + arn + " because no resource-based policy allows the "
                + "sqs:PurgeQueue action", () -> sqs(gureum, A, "us-east-1").purgeQueue(b -> b.queueUrl(url)));
        sqs(gureum, B, "us-east-1").setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":root\"},\"Action\":"
                        + "\"sqs:PurgeQueue\",\"Resource\":\"" + arn + "\"}"))));
        sqs(gureum, A, "us-east-1").purgeQueue(b -> b.queueUrl(url));
        // The other account's IAM user needs its own identity policy as well as the queue policy.
        String name = unique("cross-user");
        String key = user(gureum, name);
        denied("AccessDenied", 403, null, () -> sqs(gureum, key, "us-east-1").purgeQueue(b -> b.queueUrl(url)));
    }

    @Test
    void aServicePrincipalIsAuthorisedByTheQueuePolicyWithItsSourceArn() {
        String queue = unique("target");
        String topic = "arn:aws:sns:us-east-1:" + A + ":events";
        String arn = "arn:aws:sqs:us-east-1:" + A + ":" + queue;
        String url = sqs(gureum, A, "us-east-1").createQueue(b -> b.queueName(queue)).queueUrl();
        SqsClient asSns = gureum.context().clients().client(SqsClient.class,
                Caller.service("sns.amazonaws.com", A, "us-east-1", topic));
        AwsServiceException e = denied("AccessDenied", 403, null,
                () -> asSns.sendMessage(b -> b.queueUrl(url).messageBody("m")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("because no resource-based policy allows"),
                e.awsErrorDetails().errorMessage());
        sqs(gureum, A, "us-east-1").setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY,
                doc("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                        + "\"Resource\":\"" + arn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topic
                        + "\"}}}"))));
        asSns.sendMessage(b -> b.queueUrl(url).messageBody("m"));
        // Calls AWS makes with a role or the caller's credentials are not the queue policy's to decide.
        asSns.purgeQueue(b -> b.queueUrl(url));
        SqsClient otherTopic = gureum.context().clients().client(SqsClient.class,
                Caller.service("sns.amazonaws.com", A, "us-east-1", topic + "-other"));
        denied("AccessDenied", 403, null, () -> otherTopic.sendMessage(b -> b.queueUrl(url).messageBody("m")));
    }

    @Test
    void decisionsAreListedWithTheStatementsThatMatched() throws Exception {
        String name = unique("explained");
        String key = user(gureum, name, doc("{\"Sid\":\"NoQueues\",\"Effect\":\"Deny\",\"Action\":\"sqs:*\","
                + "\"Resource\":\"*\"}"));
        denied("AccessDenied", 403, null, () -> sqs(gureum, key, "us-east-1").createQueue(b -> b.queueName("x")));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/iam/decisions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"principal\":\"arn:aws:iam::" + A + ":user/" + name + "\",\"action\":"
                + "\"sqs:CreateQueue\",\"resource\":\"arn:aws:sqs:us-east-1:" + A + ":x\",\"decision\":"
                + "\"EXPLICIT_DENY\""), r.body());
        assertTrue(r.body().contains("{\"policyType\":\"identity-based policy\",\"policyName\":\"p0\",\"sid\":"
                + "\"NoQueues\",\"effect\":\"Deny\"}"), r.body());
    }

    @Test
    void getAccessKeyLastUsedTellsWhenWhereAndInWhichService() {
        String name = unique("used");
        String key = user(gureum, name, doc(allow("sqs:*")));
        GetAccessKeyLastUsedResponse before = iam(gureum, A).getAccessKeyLastUsed(b -> b.accessKeyId(key));
        assertEquals(name, before.userName());
        assertEquals("N/A", before.accessKeyLastUsed().serviceName());
        assertEquals("N/A", before.accessKeyLastUsed().region());
        assertEquals(null, before.accessKeyLastUsed().lastUsedDate());
        sqs(gureum, key, "eu-central-1").createQueue(b -> b.queueName(unique("q")));
        GetAccessKeyLastUsedResponse after = iam(gureum, A).getAccessKeyLastUsed(b -> b.accessKeyId(key));
        assertEquals("sqs", after.accessKeyLastUsed().serviceName());
        assertEquals("eu-central-1", after.accessKeyLastUsed().region());
        assertEquals(gureum.context().clock().now().getEpochSecond() / 60,
                after.accessKeyLastUsed().lastUsedDate().getEpochSecond() / 60, 1);
    }
}
