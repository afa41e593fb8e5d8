package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code --init-state} from the command line, driven with curl as a CI job would: a child server started
 * with a seed file answers with the seeded queue and object; on a data directory the seed is loaded once
 * (a restart keeps what was changed since); a seed file that cannot be read stops the start with a clear
 * message; export and import answer curl.
 */
class InitStateCliIT {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host, Signature=00";

    @TempDir
    Path tmp;

    private Path seed() throws Exception {
        Path seed = tmp.resolve("seed.bin");
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).services(java.util.Set.of("sqs", "s3")).build());
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g.endpoint(), "test", "us-east-1");
                S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), g.endpoint(), "test",
                        "us-east-1")) {
            sqs.createQueue(q -> q.queueName("seeded-queue"));
            s3.createBucket(b -> b.bucket("seeded-bucket"));
            s3.putObject(p -> p.bucket("seeded-bucket").key("fixture.json"), RequestBody.fromString("{\"ok\":1}"));
            HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    g.endpoint().resolve("/_gureum/state/export")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofFile(seed));
            assertEquals(200, r.statusCode());
        }
        return seed;
    }

    @Test
    void aSeedFileLoadsAtStartAndOnlyOnceIntoADataDirectory() throws Exception {
        Path seed = seed();
        Path data = tmp.resolve("data");
        ChildServer child = start("--services", "sqs,s3", "--data-dir", data.toString(), "--init-state",
                seed.toString());
        try {
            assertTrue(curl("-X", "POST", "-H", "Authorization: " + AUTH.formatted("sqs"),
                    "-d", "Action=ListQueues&Version=2012-11-05", child.url("/")).contains("seeded-queue"));
            assertEquals("{\"ok\":1}", curl("-H", "Authorization: " + AUTH.formatted("s3"),
                    child.url("/seeded-bucket/fixture.json")));
            curl("-X", "POST", "-H", "Authorization: " + AUTH.formatted("sqs"),
                    "-d", "Action=CreateQueue&QueueName=made-after-seed&Version=2012-11-05", child.url("/"));
            Path out = tmp.resolve("out.bin");
            curl("-X", "POST", "-o", out.toString(), child.url("/_gureum/state/export?services=sqs"));
            assertEquals("GUREUM-STATE", new String(Files.readAllBytes(out), 0, 12, StandardCharsets.US_ASCII));

            byte[] newer = Files.readAllBytes(out);
            newer[15] = 2;
            Path bad = Files.write(tmp.resolve("newer.bin"), newer);
            assertEquals("400", curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                    "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + bad,
                    child.url("/_gureum/state/import")));
        } finally {
            child.stop();
        }
        // The data directory has state now: the same command line resumes it rather than re-seeding.
        child = start("--services", "sqs,s3", "--data-dir", data.toString(), "--init-state", seed.toString());
        try {
            String queues = curl("-X", "POST", "-H", "Authorization: " + AUTH.formatted("sqs"),
                    "-d", "Action=ListQueues&Version=2012-11-05", child.url("/"));
            assertTrue(queues.contains("seeded-queue") && queues.contains("made-after-seed"), queues);
            assertTrue(child.output().contains("already holds state"), child.output());
        } finally {
            child.stop();
        }
    }

    @Test
    void anUnreadableSeedStopsTheStart() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.bin"), "not a state file");
        List<String> command = ChildServer.command(ChildServer.SMALL, "--services", "sqs", "--init-state", junk.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("--init-state") && out.contains("not a Gureum state file"), out);
        assertFalse(out.contains("Listening on"), out);
    }

    private static ChildServer start(String... args) throws Exception {
        return ChildServer.start(ChildServer.SMALL, args);
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "120"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "curl " + String.join(" ", args) + " failed: " + out);
        return out;
    }
}
