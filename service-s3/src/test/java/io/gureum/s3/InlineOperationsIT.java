package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.dispatch.InlineRequests;
import io.gureum.junit5.GureumExtension;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * ListBuckets ({@code GET /}), and GetObject and HeadObject of a version whose bytes are in memory, are answered on
 * the event loop (ADR 0018) without waiting there ({@code -Dgureum.inline.check=true}); writes, objects in files,
 * SSE-KMS objects (KMS is called) and errors stay on the handler pool.
 */
class InlineOperationsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();

    /** How many of the requests {@code call} makes were answered inline; fails if one of them waited there. */
    private static <T> long inline(Supplier<T> call) {
        InlineRequests.Counts before = aws.gureum().inlineCounts();
        call.get();
        InlineRequests.Counts after = aws.gureum().inlineCounts();
        assertEquals(0, after.waited() - before.waited(), "an inline answer waited on the event loop (see the log)");
        return after.answered() - before.answered();
    }

    @Test
    void listBucketsAnswersOnTheEventLoopAndWritesDoNot() {
        S3Client s3 = aws.client(S3Client.class);
        s3.createBucket(b -> b.bucket("inline-listing"));

        assertEquals(1, inline(() -> s3.listBuckets().buckets().stream()
                .filter(b -> b.name().equals("inline-listing")).findFirst().orElseThrow()));
        assertEquals(0, inline(() -> s3.putObject(b -> b.bucket("inline-listing").key("k"),
                RequestBody.fromString("v"))));
    }

    @Test
    void smallObjectsAreReadOnTheEventLoop() {
        S3Client s3 = aws.client(S3Client.class);
        s3.createBucket(b -> b.bucket("inline-reads"));
        s3.putBucketVersioning(b -> b.bucket("inline-reads").versioningConfiguration(v -> v.status(
                BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket("inline-reads").key("dir/a b+c"), RequestBody.fromString("one"))
                .versionId();
        s3.putObject(b -> b.bucket("inline-reads").key("dir/a b+c"), RequestBody.fromString("two"));

        assertEquals(1, inline(() -> assertBody("two", s3.getObjectAsBytes(b -> b.bucket("inline-reads")
                .key("dir/a b+c")).asUtf8String())));
        assertEquals(1, inline(() -> assertBody("one", s3.getObjectAsBytes(b -> b.bucket("inline-reads")
                .key("dir/a b+c").versionId(first)).asUtf8String())));
        assertEquals(1, inline(() -> assertBody("wo", s3.getObjectAsBytes(b -> b.bucket("inline-reads")
                .key("dir/a b+c").range("bytes=1-2")).asUtf8String())));
        assertEquals(1, inline(() -> s3.headObject(b -> b.bucket("inline-reads").key("dir/a b+c"))));
    }

    @Test
    void largeEncryptedAndMissingObjectsAreReadOnThePool() {
        S3Client s3 = aws.client(S3Client.class);
        s3.createBucket(b -> b.bucket("pool-reads"));
        s3.putObject(b -> b.bucket("pool-reads").key("large"), RequestBody.fromBytes(new byte[100 * 1024]));
        s3.putObject(b -> b.bucket("pool-reads").key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("secret"));

        assertEquals(0, inline(() -> s3.getObjectAsBytes(b -> b.bucket("pool-reads").key("large")).asByteArray()));
        assertEquals(0, inline(() -> assertBody("secret", s3.getObjectAsBytes(b -> b.bucket("pool-reads").key("kms"))
                .asUtf8String())));
        assertEquals(0, inline(() -> {
            try {
                s3.getObject(b -> b.bucket("pool-reads").key("missing"));
                throw new AssertionError("no NoSuchKey");
            } catch (NoSuchKeyException expected) {
                return expected.statusCode();
            }
        }));
    }

    private static String assertBody(String expected, String actual) {
        assertEquals(expected, actual);
        return actual;
    }
}
