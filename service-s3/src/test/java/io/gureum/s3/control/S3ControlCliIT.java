package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code aws s3control} with {@code --endpoint-url http://localhost:<port>}, as the docs page tells users: the CLI
 * sends every call to {@code 000000000000.localhost:<port>} (the batch process resolves it to loopback).
 */
class S3ControlCliIT {
    static final String ACCOUNT = "000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(AwsCli.resolvesLocalhostNames(), "the aws executable would ask DNS for *.localhost");
        gureum = server.gureum();
        cli = new AwsCli(URI.create("http://localhost:" + gureum.endpoint().getPort()), "test", "us-east-1");
    }

    static AwsCli.Result ok(String... args) throws Exception {
        AwsCli.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.stdout() + r.stderr());
        return r;
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).stdout());
    }

    @Test
    void accountBlockAndAccessPoints() throws Exception {
        AwsCli.Result none = cli.run("s3control", "get-public-access-block", "--account-id", ACCOUNT);
        assertEquals(255, none.exitCode(), none.all()); // CLI v1: a service error
        assertTrue(none.stderr().contains("NoSuchPublicAccessBlockConfiguration"), none.stderr());

        ok("s3control", "put-public-access-block", "--account-id", ACCOUNT, "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
        JsonNode block = json("s3control", "get-public-access-block", "--account-id", ACCOUNT)
                .path("PublicAccessBlockConfiguration");
        assertTrue(block.path("BlockPublicPolicy").asBoolean());
        assertTrue(block.path("RestrictPublicBuckets").asBoolean());

        String bucket = "cli-ap-" + UUID.randomUUID().toString().substring(0, 8);
        ok("s3api", "create-bucket", "--bucket", bucket);
        JsonNode created = json("s3control", "create-access-point", "--account-id", ACCOUNT, "--name", "cli-ap",
                "--bucket", bucket);
        String alias = created.path("Alias").asText();
        assertTrue(alias.startsWith("cli-ap-") && alias.endsWith("-s3alias"), created.toString());
        JsonNode got = json("s3control", "get-access-point", "--account-id", ACCOUNT, "--name", "cli-ap");
        assertEquals(bucket, got.path("Bucket").asText());
        assertEquals("Internet", got.path("NetworkOrigin").asText());
        JsonNode listed = json("s3control", "list-access-points", "--account-id", ACCOUNT, "--bucket", bucket);
        assertEquals("cli-ap", listed.path("AccessPointList").path(0).path("Name").asText());

        ok("s3control", "delete-access-point", "--account-id", ACCOUNT, "--name", "cli-ap");
        assertFalse(json("s3control", "list-access-points", "--account-id", ACCOUNT).path("AccessPointList")
                .elements().hasNext());
        ok("s3control", "delete-public-access-block", "--account-id", ACCOUNT);
    }
}
