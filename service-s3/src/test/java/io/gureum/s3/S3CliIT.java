package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's S3 walk-through with the real AWS CLI: mb, a 50 MB multipart cp, ls, sync, versioning,
 * overwrite, list versions, restoring an old version, presign + curl, and a delete marker.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class S3CliIT {
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli cli;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        cli = new AwsCli(gureum.endpoint(), "test", "us-east-1");
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
    void theCourseWalkThrough(@TempDir Path tmp) throws Exception {
        String bucket = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        ok("s3", "mb", "s3://" + bucket);

        byte[] big = new byte[50 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Path bigFile = tmp.resolve("big.bin");
        Files.write(bigFile, big);
        ok("s3", "cp", bigFile.toString(), "s3://" + bucket + "/big.bin");
        JsonNode head = json("s3api", "head-object", "--bucket", bucket, "--key", "big.bin");
        assertEquals(big.length, head.get("ContentLength").asLong());
        assertTrue(head.get("ETag").asText().endsWith("-7\""), "multipart ETag: " + head.get("ETag"));
        assertTrue(ok("s3", "ls", "s3://" + bucket).stdout().contains("big.bin"));
        Path back = tmp.resolve("back.bin");
        ok("s3", "cp", "s3://" + bucket + "/big.bin", back.toString());
        assertArrayEquals(big, Files.readAllBytes(back));

        Path site = Files.createDirectories(tmp.resolve("site/css"));
        Files.writeString(tmp.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(site.resolve("main.css"), "body{}");
        Files.writeString(tmp.resolve("site/a b+c ü.txt"), "odd name");
        // S3 keeps LastModified in whole seconds; a file written in the second of its upload would look
        // newer than its copy to the next sync (as against AWS), so date the files a minute back.
        try (var files = Files.walk(tmp.resolve("site"))) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            }
        }
        ok("s3", "sync", tmp.resolve("site").toString(), "s3://" + bucket + "/site/");
        String listing = ok("s3", "ls", "--recursive", "s3://" + bucket + "/site/").stdout();
        assertTrue(listing.contains("site/css/main.css") && listing.contains("site/a b+c ü.txt"), listing);
        String again = ok("s3", "sync", tmp.resolve("site").toString(), "s3://" + bucket + "/site/").stdout();
        assertEquals("", again.trim(), "a second sync has nothing to upload");
        Path down = tmp.resolve("down");
        ok("s3", "sync", "s3://" + bucket + "/site/", down.toString());
        assertEquals("odd name", Files.readString(down.resolve("a b+c ü.txt")));
        assertEquals("body{}", Files.readString(down.resolve("css/main.css")));

        ok("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled");
        assertEquals("Enabled", json("s3api", "get-bucket-versioning", "--bucket", bucket).get("Status").asText());
        Path notes = tmp.resolve("notes.txt");
        Files.writeString(notes, "version one");
        ok("s3", "cp", notes.toString(), "s3://" + bucket + "/notes.txt");
        Files.writeString(notes, "version two");
        ok("s3", "cp", notes.toString(), "s3://" + bucket + "/notes.txt");
        JsonNode versions = json("s3api", "list-object-versions", "--bucket", bucket, "--prefix", "notes.txt");
        assertEquals(2, versions.get("Versions").size());
        String oldVersion = versions.get("Versions").get(1).get("VersionId").asText();
        assertTrue(versions.get("Versions").get(0).get("IsLatest").asBoolean());
        ok("s3api", "copy-object", "--bucket", bucket, "--key", "notes.txt", "--copy-source",
                bucket + "/notes.txt?versionId=" + oldVersion);
        Path restored = tmp.resolve("restored.txt");
        ok("s3", "cp", "s3://" + bucket + "/notes.txt", restored.toString());
        assertEquals("version one", Files.readString(restored));

        String url = ok("s3", "presign", "s3://" + bucket + "/notes.txt", "--expires-in", "300").stdout().trim();
        assertTrue(url.startsWith("http://127.0.0.1:"), url);
        assertEquals("version one", curl(url));

        ok("s3", "rm", "s3://" + bucket + "/notes.txt");
        JsonNode afterDelete = json("s3api", "list-object-versions", "--bucket", bucket, "--prefix", "notes.txt");
        assertEquals(1, afterDelete.get("DeleteMarkers").size());
        assertEquals(3, afterDelete.get("Versions").size());
        AwsCli.Result missing = cli.run("s3api", "head-object", "--bucket", bucket, "--key", "notes.txt");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("404"), missing.stderr());
        String markerId = afterDelete.get("DeleteMarkers").get(0).get("VersionId").asText();
        ok("s3api", "delete-object", "--bucket", bucket, "--key", "notes.txt", "--version-id", markerId);
        ok("s3", "cp", "s3://" + bucket + "/notes.txt", restored.toString());
        assertEquals("version one", Files.readString(restored), "removing the delete marker brings it back");
    }

    static String curl(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-s", "-f", url).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
