package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.persist.StateArchive;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * {@code POST /_gureum/state/import} is all or nothing: a file refused for any reason (a record its service cannot
 * restore, a file cut short, a damaged record) leaves every API as it was, in replace and merge modes, also after a restart.
 */
class StateImportAtomicIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static CloudWatchLogsClient logs(Gureum g) {
        return AwsClients.client(CloudWatchLogsClient.builder(), g);
    }

    private static S3Client s3(Gureum g) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), g);
    }

    private static byte[] export(Gureum g) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/state/export"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static HttpResponse<String> importFile(Gureum g, byte[] file, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/state/import" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The file's records by section, in the file's order (its S3 buckets are empty: no file entries). */
    private static Map<String, List<StateRecord>> sections(byte[] file) throws Exception {
        Map<String, List<StateRecord>> out = new LinkedHashMap<>();
        StateArchive.read(new ByteArrayInputStream(file), new StateArchive.Visitor() {
            private List<StateRecord> current;

            @Override
            public void section(String service) {
                current = out.computeIfAbsent(service, k -> new ArrayList<>());
            }

            @Override
            public void record(StateRecord record) {
                current.add(record);
            }

            @Override
            public void file(String name, long size, InputStream bytes) {
                throw new AssertionError("no file expected");
            }
        });
        return out;
    }

    /** A file of the given sections, in that order. */
    private static byte[] write(Map<String, List<StateRecord>> sections) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StateArchive.Writer w = new StateArchive.Writer(out);
        for (Map.Entry<String, List<StateRecord>> e : sections.entrySet()) {
            w.section(e.getKey());
            for (StateRecord r : e.getValue()) {
                w.record(r);
            }
        }
        w.finish();
        return out.toByteArray();
    }

    private static List<String> groups(CloudWatchLogsClient logs) {
        return logs.describeLogGroups().logGroups().stream().map(LogGroup::logGroupName).toList();
    }

    private static List<String> buckets(S3Client s3) {
        return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    }

    private static void assertUntouched(Gureum g) {
        try (CloudWatchLogsClient logs = logs(g); S3Client s3 = s3(g)) {
            assertEquals(List.of("kept"), groups(logs), "Logs as it was");
            assertEquals(List.of("kept-bucket"), buckets(s3), "S3 as it was, though its section came first");
        }
    }

    @Test
    void aRefusedImportChangesNoApiInReplaceAndMergeModes() throws Exception {
        byte[] good;
        byte[] badRecord;
        byte[] cut;
        try (Gureum g = start(); CloudWatchLogsClient logs = logs(g); S3Client s3 = s3(g)) {
            // The state of the file: another group and bucket.
            logs.createLogGroup(b -> b.logGroupName("from-file"));
            s3.createBucket(b -> b.bucket("from-file-bucket"));
            good = export(g);
            logs.deleteLogGroup(b -> b.logGroupName("from-file"));
            s3.deleteBucket(b -> b.bucket("from-file-bucket"));
            // The server's state, which a refused import must leave alone.
            logs.createLogGroup(b -> b.logGroupName("kept"));
            s3.createBucket(b -> b.bucket("kept-bucket"));

            Map<String, List<StateRecord>> sections = sections(good);
            assertTrue(sections.containsKey("s3") && sections.containsKey("logs"), sections.keySet().toString());
            // S3 first, then Logs with a record whose frame is intact but whose value Logs cannot read.
            Map<String, List<StateRecord>> ordered = new LinkedHashMap<>();
            sections.forEach((k, v) -> {
                if (!k.equals("logs")) {
                    ordered.put(k, v);
                }
            });
            List<StateRecord> logsRecords = new ArrayList<>(sections.get("logs"));
            logsRecords.add(StateRecord.of("logs", "000000000000", "us-east-1", LogsRecords.GROUP, "broken",
                    Map.of("name", Map.of("not", "a string"), "creationTime", "yesterday")));
            ordered.put("logs", logsRecords);
            badRecord = write(ordered);
            cut = Arrays.copyOf(good, good.length - 7);
            // One byte changed inside a record (a group or bucket name): its checksum no longer matches.
            byte[] damaged = good.clone();
            int at = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("from-file");
            assertTrue(at > 0);
            damaged[at] ^= 0x20;

            for (String mode : List.of("replace", "merge")) {
                HttpResponse<String> r = importFile(g, badRecord, "?mode=" + mode);
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains("InvalidStateFile") && r.body().contains("logs records cannot be restored"),
                        r.body());
                assertUntouched(g);

                r = importFile(g, cut, "?mode=" + mode);
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains("InvalidStateFile") && r.body().contains("cut short"), r.body());
                assertUntouched(g);

                r = importFile(g, damaged, "?mode=" + mode);
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains("InvalidStateFile"), r.body());
                assertUntouched(g);
            }
            // The well-formed file still imports: the check refuses only what cannot be restored.
            HttpResponse<String> ok = importFile(g, write(ordered.entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getKey().equals("logs")
                            ? sections.get("logs") : e.getValue()), Map::putAll)), "?mode=merge");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(List.of("from-file", "kept"), groups(logs));
            assertEquals(List.of("from-file-bucket", "kept-bucket"), buckets(s3));
            logs.deleteLogGroup(b -> b.logGroupName("from-file"));
            s3.deleteBucket(b -> b.bucket("from-file-bucket"));
        }
        try (Gureum g = start()) {
            // Nothing a refused import did reached the journal either.
            assertUntouched(g);
        }
    }
}
