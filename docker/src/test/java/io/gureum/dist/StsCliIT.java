package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end with the AWS CLI, against the services the distribution ships. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class StsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    @Test
    void getCallerIdentityAnswersWithTheSigningKeysAccount() throws Exception {
        AwsCli.Result r = new AwsCli(gureum.endpoint(), "123456789012", "ap-northeast-2")
                .run("sts", "get-caller-identity");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode id = JSON.readTree(r.stdout());
        assertEquals("123456789012", id.get("Account").asText());
        assertEquals("arn:aws:iam::123456789012:root", id.get("Arn").asText());
    }

    @Test
    void anyOtherKeyActsInTheDefaultAccount() throws Exception {
        AwsCli.Result r = new AwsCli(gureum.endpoint(), "test", "us-east-1").run("sts", "get-caller-identity");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("000000000000", JSON.readTree(r.stdout()).get("Account").asText());
    }

    @Test
    void anOperationNotEmulatedFailsWithNotImplementedNamingIt() throws Exception {
        AwsCli.Result r = new AwsCli(gureum.endpoint(), "test", "us-east-1").run("iam",
                "list-delegation-requests");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("(NotImplemented)") && r.stderr().contains("ListDelegationRequests"), r.stderr());
    }
}
