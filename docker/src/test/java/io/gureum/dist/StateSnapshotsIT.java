package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Shared snapshots through the real SDK: state made in S3, SQS, DynamoDB and KMS is exported, the server
 * reset, the file imported and every piece read back; replace vs merge; the {@code services} and
 * {@code accounts} filters; files that are refused (another version, damaged, cut short) leave the state
 * as it was; an import into a data directory survives a restart.
 */
class StateSnapshotsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ALICE = "111111111111";
    private static final String BOB = "222222222222";

    @TempDir
    Path tmp;

    private static Gureum start(Path dataDir) {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).services(
                java.util.Set.of("s3", "sqs", "dynamodb", "kms")).build());
    }

    private static S3Client s3(Gureum g, String key) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), g.endpoint(), key, "us-east-1");
    }

    private static SqsClient sqs(Gureum g, String key) {
        return AwsClients.client(SqsClient.builder(), g.endpoint(), key, "us-east-1");
    }

    private static DynamoDbClient ddb(Gureum g, String key) {
        return AwsClients.client(DynamoDbClient.builder(), g.endpoint(), key, "us-east-1");
    }

    private static KmsClient kms(Gureum g, String key) {
        return AwsClients.client(KmsClient.builder(), g.endpoint(), key, "us-east-1");
    }

    private Path export(Gureum g, String query) throws Exception {
        Path file = Files.createTempFile(tmp, "state-", ".bin");
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/state/export" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, r.statusCode());
        assertEquals("1", r.headers().firstValue("X-Gureum-State-Version").orElse(null));
        return file;
    }

    private static HttpResponse<String> importFile(Gureum g, Path file, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/state/import" + query))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void reset(Gureum g) throws Exception {
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** What the round trip creates in each service, and reads back. */
    private static final class Seed {
        byte[] big;
        String queueUrl;
        SdkBytes ciphertext;
        String keyId;

        void create(Gureum g) {
            big = new byte[3 * 1024 * 1024 + 17];
            new Random(15).nextBytes(big);
            try (S3Client s3 = s3(g, ALICE); SqsClient sqs = sqs(g, ALICE); DynamoDbClient ddb = ddb(g, ALICE);
                    KmsClient kms = kms(g, ALICE)) {
                s3.createBucket(b -> b.bucket("seeded"));
                s3.putObject(p -> p.bucket("seeded").key("small.txt").contentType("text/plain"),
                        RequestBody.fromString("hello"));
                s3.putObject(p -> p.bucket("seeded").key("dir/big.bin"), RequestBody.fromBytes(big));
                s3.putBucketTagging(t -> t.bucket("seeded").tagging(x -> x.tagSet(s -> s.key("team").value("a"))));
                queueUrl = sqs.createQueue(q -> q.queueName("jobs").attributes(Map.of(
                        software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "45")))
                        .queueUrl();
                sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("job-1"));
                ddb.createTable(t -> t.tableName("users")
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .billingMode("PAY_PER_REQUEST"));
                ddb.putItem(p -> p.tableName("users").item(Map.of("id", AttributeValue.fromS("u1"),
                        "name", AttributeValue.fromS("Ada"))));
                keyId = kms.createKey(k -> k.description("seed key")).keyMetadata().keyId();
                kms.createAlias(a -> a.aliasName("alias/seed").targetKeyId(keyId));
                ciphertext = kms.encrypt(e -> e.keyId("alias/seed").plaintext(SdkBytes.fromUtf8String("secret")))
                        .ciphertextBlob();
            }
        }

        void assertPresent(Gureum g) {
            assertPresent(g, false);
        }

        void assertPresent(Gureum g, boolean received) {
            try (S3Client s3 = s3(g, ALICE); SqsClient sqs = sqs(g, ALICE); DynamoDbClient ddb = ddb(g, ALICE);
                    KmsClient kms = kms(g, ALICE)) {
                var small = s3.getObjectAsBytes(r -> r.bucket("seeded").key("small.txt"));
                assertEquals("hello", small.asUtf8String());
                assertEquals("text/plain", small.response().contentType());
                assertArrayEquals(big, s3.getObjectAsBytes(r -> r.bucket("seeded").key("dir/big.bin")).asByteArray());
                assertEquals("a", s3.getBucketTagging(t -> t.bucket("seeded")).tagSet().get(0).value());
                String url = sqs.getQueueUrl(q -> q.queueName("jobs")).queueUrl();
                assertEquals("45", sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNamesWithStrings("All"))
                        .attributesAsStrings().get("VisibilityTimeout"));
                if (received) {
                    // Received before the restart: in flight for the queue's 45 s, on the core clock.
                    assertEquals("1", sqs.getQueueAttributes(a -> a.queueUrl(url).attributeNamesWithStrings(
                            "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings()
                            .get("ApproximateNumberOfMessagesNotVisible"));
                } else {
                    List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
                    assertEquals(List.of("job-1"), got.stream().map(Message::body).toList());
                }
                assertEquals("Ada", ddb.getItem(r -> r.tableName("users").key(Map.of("id", AttributeValue.fromS("u1"))))
                        .item().get("name").s());
                assertEquals("secret", kms.decrypt(d -> d.ciphertextBlob(ciphertext)).plaintext().asUtf8String());
                assertEquals(keyId, kms.describeKey(d -> d.keyId("alias/seed")).keyMetadata().keyId());
            }
        }

        void assertGone(Gureum g) {
            try (S3Client s3 = s3(g, ALICE); SqsClient sqs = sqs(g, ALICE); DynamoDbClient ddb = ddb(g, ALICE)) {
                assertThrows(NoSuchBucketException.class, () -> s3.headBucket(h -> h.bucket("seeded")));
                assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(q -> q.queueName("jobs")));
                assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(d -> d.tableName("users")));
            }
        }
    }

    @Test
    void exportResetImportReadsEverythingBack() throws Exception {
        Seed seed = new Seed();
        try (Gureum g = start(null)) {
            seed.create(g);
            Path file = export(g, "");
            assertTrue(Files.size(file) > seed.big.length, "the object bytes travel in the file");
            reset(g);
            seed.assertGone(g);
            HttpResponse<String> r = importFile(g, file, "");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"mode\":\"replace\""), r.body());
            seed.assertPresent(g);
        }
        // The same file into another server, with a data directory: the import survives its restart.
        Path dir = tmp.resolve("data");
        Path file;
        try (Gureum g = start(null)) {
            seed.create(g);
            file = export(g, "");
        }
        try (Gureum g = start(dir)) {
            assertEquals(200, importFile(g, file, "").statusCode());
            seed.assertPresent(g);
        }
        try (Gureum g = start(dir)) {
            seed.assertPresent(g, true);
        }
    }

    @Test
    void replaceDropsWhatTheFileLacksAndMergeKeepsIt() throws Exception {
        try (Gureum g = start(null); SqsClient sqs = sqs(g, ALICE); S3Client s3 = s3(g, ALICE)) {
            sqs.createQueue(q -> q.queueName("from-file"));
            s3.createBucket(b -> b.bucket("file-bucket"));
            s3.putObject(p -> p.bucket("file-bucket").key("k"), RequestBody.fromString("v1"));
            Path file = export(g, "");
            sqs.createQueue(q -> q.queueName("made-later"));
            s3.putObject(p -> p.bucket("file-bucket").key("k"), RequestBody.fromString("v2"));
            s3.putObject(p -> p.bucket("file-bucket").key("later"), RequestBody.fromString("new"));

            assertEquals(200, importFile(g, file, "?mode=merge").statusCode());
            assertEquals(2, sqs.listQueues().queueUrls().size(), "merge keeps the queue the file lacks");
            assertEquals("v1", s3.getObjectAsBytes(r -> r.bucket("file-bucket").key("k")).asUtf8String(),
                    "merge overwrites what the file has");
            assertEquals("new", s3.getObjectAsBytes(r -> r.bucket("file-bucket").key("later")).asUtf8String(),
                    "merge keeps the object (and its bytes) the file lacks");

            assertEquals(200, importFile(g, file, "?mode=replace").statusCode());
            assertEquals(List.of("from-file"), sqs.listQueues().queueUrls().stream()
                    .map(u -> u.substring(u.lastIndexOf('/') + 1)).toList());
            assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                    () -> s3.getObject(r -> r.bucket("file-bucket").key("later")));
        }
    }

    @Test
    void servicesAndAccountsFilters() throws Exception {
        try (Gureum g = start(null); SqsClient alice = sqs(g, ALICE); SqsClient bob = sqs(g, BOB);
                S3Client aliceS3 = s3(g, ALICE); S3Client bobS3 = s3(g, BOB)) {
            alice.createQueue(q -> q.queueName("alice-q"));
            bob.createQueue(q -> q.queueName("bob-q"));
            aliceS3.createBucket(b -> b.bucket("alice-bucket"));
            bobS3.createBucket(b -> b.bucket("bob-bucket"));
            bobS3.putObject(p -> p.bucket("bob-bucket").key("k"), RequestBody.fromString("bob's"));

            Path onlySqs = export(g, "?services=sqs");
            Path onlyAlice = export(g, "?accounts=" + ALICE);
            Path all = export(g, "");

            reset(g);
            assertEquals(200, importFile(g, onlySqs, "").statusCode());
            assertEquals(1, alice.listQueues().queueUrls().size());
            assertEquals(1, bob.listQueues().queueUrls().size());
            assertTrue(aliceS3.listBuckets().buckets().isEmpty(), "S3 was not in the file");

            reset(g);
            assertEquals(200, importFile(g, onlyAlice, "").statusCode());
            assertEquals(1, alice.listQueues().queueUrls().size());
            assertTrue(bob.listQueues().queueUrls().isEmpty(), "Bob's queue was filtered out");
            assertEquals(List.of("alice-bucket"), aliceS3.listBuckets().buckets().stream().map(b -> b.name()).toList());
            assertThrows(NoSuchBucketException.class, () -> bobS3.headBucket(h -> h.bucket("bob-bucket")));

            // Replacing one account's state leaves the other's alone; importing only some services too.
            assertEquals(200, importFile(g, all, "?accounts=" + BOB).statusCode());
            assertEquals(1, alice.listQueues().queueUrls().size());
            assertEquals(1, bob.listQueues().queueUrls().size());
            assertEquals("bob's", bobS3.getObjectAsBytes(r -> r.bucket("bob-bucket").key("k")).asUtf8String());
            alice.createQueue(q -> q.queueName("alice-extra"));
            assertEquals(200, importFile(g, all, "?accounts=" + ALICE).statusCode());
            assertEquals(1, alice.listQueues().queueUrls().size(), "Alice's state is the file's again");
            assertEquals(1, bob.listQueues().queueUrls().size());

            HttpResponse<String> bad = importFile(g, all, "?services=nosuch");
            assertEquals(400, bad.statusCode());
            assertEquals(400, importFile(g, all, "?accounts=12").statusCode());
            assertEquals(400, importFile(g, all, "?mode=upsert").statusCode());
        }
    }

    @Test
    void refusedFilesLeaveTheStateAsItWas() throws Exception {
        try (Gureum g = start(null); SqsClient sqs = sqs(g, ALICE)) {
            sqs.createQueue(q -> q.queueName("keep-me"));
            Path good = export(g, "");
            byte[] bytes = Files.readAllBytes(good);

            byte[] newer = bytes.clone();
            newer[15] = 9; // the version's low byte, after the 12-byte magic
            HttpResponse<String> r = importFile(g, Files.write(tmp.resolve("newer.bin"), newer), "");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("version 9") && r.body().contains("InvalidStateFile"), r.body());

            r = importFile(g, Files.write(tmp.resolve("junk.bin"), "{\"not\":\"state\"}".getBytes(
                    StandardCharsets.UTF_8)), "");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("not a Gureum state file"), r.body());

            byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 10);
            r = importFile(g, Files.write(tmp.resolve("cut.bin"), cut), "?mode=replace");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("cut short"), r.body());

            assertEquals(1, sqs.listQueues().queueUrls().size(), "nothing was changed by a refused file");
        }
    }

    @Test
    void gzippedFilesAreReadToo() throws Exception {
        try (Gureum g = start(null); SqsClient sqs = sqs(g, ALICE)) {
            sqs.createQueue(q -> q.queueName("zipped"));
            Path file = export(g, "");
            Path gz = tmp.resolve("state.bin.gz");
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(file, out);
            }
            reset(g);
            assertEquals(200, importFile(g, gz, "").statusCode());
            assertFalse(sqs.listQueues().queueUrls().isEmpty());
        }
    }
}
