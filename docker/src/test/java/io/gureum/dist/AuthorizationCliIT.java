package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --enforce-iam} with the AWS CLI (v1), as a course on AWS identity walks it: a cross-account role
 * assumed through a profile with an external ID, an SCP of a real organization that denies a region to a member
 * account, and a permissions boundary that caps an administrator. Denials come back as the CLI shows AWS's.
 */
@Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class AuthorizationCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANAGEMENT = "111111111111";
    private static final String PARTNER = "222222222222";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder()
            .config(c -> c.enforceIam(true)).build();
    static Gureum gureum;
    static Path config;

    private record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gureum = aws.gureum();
        config = Files.createTempFile("aws-config", "");
        config.toFile().deleteOnExit();
    }

    /** The CLI with a profile of the config file written so far. */
    private static Result aws(String profile, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--profile", profile));
        all.addAll(List.of(args));
        AwsCli.Result r = AwsCli.withEnvironment(gureum.endpoint(), Map.of(
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_ENDPOINT_URL", gureum.endpoint().toString())).run(all.toArray(String[]::new));
        return new Result(r.exitCode(), r.stdout(), r.stderr());
    }

    private static JsonNode ok(String profile, String... args) throws Exception {
        Result r = aws(profile, args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r.json();
    }

    private static String denied(String profile, String... args) throws Exception {
        Result r = aws(profile, args);
        assertNotEquals(0, r.exitCode(), String.join(" ", args) + " was allowed: " + r.stdout());
        return r.stderr();
    }

    private static synchronized void profile(String name, String... lines) throws Exception {
        Files.writeString(config, "[profile " + name + "]\n" + String.join("\n", lines) + "\n\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static void keys(String name, String accessKey) throws Exception {
        profile(name, "aws_access_key_id = " + accessKey, "aws_secret_access_key = test", "region = us-east-1");
    }

    @Test
    void aPartnerAssumesARoleWithAnExternalIdAndGetsOnlyItsPermissions() throws Exception {
        keys("partner-admin", PARTNER);
        keys("us", MANAGEMENT);
        Path trust = Files.createTempFile("trust", ".json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + MANAGEMENT + ":root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
                + "{\"StringEquals\":{\"sts:ExternalId\":\"course-4711\"}}}]}");
        // A fresh role name each run: the CLI caches assumed-role credentials under ~/.aws/cli/cache by profile.
        String role = "QueueAuditor-" + Long.toHexString(System.nanoTime());
        String roleArn = ok("partner-admin", "iam", "create-role", "--role-name", role,
                "--assume-role-policy-document", "file://" + trust).get("Role").get("Arn").asText();
        ok("partner-admin", "iam", "put-role-policy", "--role-name", role, "--policy-name", "read-queues",
                "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"sqs:ListQueues\",\"sqs:GetQueueAttributes\"],\"Resource\":\"*\"}]}");
        profile("auditor", "role_arn = " + roleArn, "external_id = course-4711", "role_session_name = audit",
                "source_profile = us", "region = us-east-1");
        profile("guesser", "role_arn = " + roleArn, "external_id = guess", "role_session_name = audit",
                "source_profile = us", "region = us-east-1");

        assertEquals("arn:aws:sts::" + PARTNER + ":assumed-role/" + role + "/audit",
                ok("auditor", "sts", "get-caller-identity").get("Arn").asText());
        ok("auditor", "sqs", "list-queues");
        String createDenied = denied("auditor", "sqs", "create-queue", "--queue-name", "not-allowed");
        assertTrue(createDenied.contains("AccessDenied") && createDenied.contains("User: arn:aws:sts::" + PARTNER
                + ":assumed-role/" + role + "/audit is not authorized to perform: sqs:CreateQueue on resource: "
                + "arn:aws:sqs:us-east-1:" + PARTNER + ":not-allowed because no identity-based policy allows the "
                + "sqs:CreateQueue action"), createDenied);
        assertTrue(denied("guesser", "sts", "get-caller-identity").contains("AccessDenied"));
        Files.deleteIfExists(trust);
    }

    @Test
    void anScpDenyingARegionBindsAMemberAccount() throws Exception {
        String management = "333333333333";
        keys("org-management", management);
        ok("org-management", "organizations", "create-organization", "--feature-set", "ALL");
        String requestId = ok("org-management", "organizations", "create-account", "--email",
                "member@example.com", "--account-name", "member").get("CreateAccountStatus").get("Id").asText();
        gureum.context().clock().advance(Duration.ofMinutes(10)); // CreateAccount finishes on the core clock
        String member = ok("org-management", "organizations", "describe-create-account-status",
                "--create-account-request-id", requestId).get("CreateAccountStatus").get("AccountId").asText();
        String root = ok("org-management", "organizations", "list-roots").get("Roots").get(0).get("Id").asText();
        ok("org-management", "organizations", "enable-policy-type", "--root-id", root, "--policy-type",
                "SERVICE_CONTROL_POLICY");
        String policyId = ok("org-management", "organizations", "create-policy", "--name", "eu-only",
                "--description", "Deny outside eu-west-1", "--type", "SERVICE_CONTROL_POLICY", "--content",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyOutsideEu\",\"Effect\":\"Deny\","
                        + "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
                        + "{\"aws:RequestedRegion\":\"eu-west-1\"}}}]}")
                .get("Policy").get("PolicySummary").get("Id").asText();
        ok("org-management", "organizations", "attach-policy", "--policy-id", policyId, "--target-id", member);

        keys("member", member);
        String stderr = denied("member", "sqs", "create-queue", "--queue-name", "us-queue", "--region", "us-east-1");
        assertTrue(stderr.contains("User: arn:aws:iam::" + member + ":root is not authorized to perform: "
                + "sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:" + member + ":us-queue with an explicit deny "
                + "in a service control policy"), stderr);
        ok("member", "sqs", "create-queue", "--queue-name", "eu-queue", "--region", "eu-west-1");
        // The management account is never bound by SCPs.
        ok("org-management", "sqs", "create-queue", "--queue-name", "us-queue", "--region", "us-east-1");
    }

    @Test
    void aPermissionsBoundaryCapsAnAdministrator() throws Exception {
        String account = "444444444444";
        keys("boss", account);
        Path boundary = Files.createTempFile("boundary", ".json");
        Files.writeString(boundary, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"sqs:*\",\"sts:GetCallerIdentity\"],\"Resource\":\"*\"}]}");
        String boundaryArn = ok("boss", "iam", "create-policy", "--policy-name", "QueuesOnly", "--policy-document",
                "file://" + boundary).get("Policy").get("Arn").asText();
        ok("boss", "iam", "create-user", "--user-name", "dev-admin", "--permissions-boundary", boundaryArn);
        ok("boss", "iam", "attach-user-policy", "--user-name", "dev-admin", "--policy-arn",
                "arn:aws:iam::aws:policy/AdministratorAccess");
        String key = ok("boss", "iam", "create-access-key", "--user-name", "dev-admin").get("AccessKey")
                .get("AccessKeyId").asText();
        keys("dev-admin", key);

        ok("dev-admin", "sqs", "create-queue", "--queue-name", "allowed");
        String stderr = denied("dev-admin", "iam", "create-user", "--user-name", "escalation");
        assertTrue(stderr.contains("AccessDenied") && stderr.contains("User: arn:aws:iam::" + account
                + ":user/dev-admin is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + account
                + ":user/escalation because no permissions boundary allows the iam:CreateUser action"), stderr);
        String removeBoundary = denied("dev-admin", "iam", "delete-user-permissions-boundary", "--user-name",
                "dev-admin");
        assertTrue(removeBoundary.contains("because no permissions boundary allows"), removeBoundary);
        Files.deleteIfExists(boundary);
    }
}
