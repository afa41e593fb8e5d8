package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.dispatch.InlineRequests;
import io.gureum.junit5.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * ListBuckets ({@code GET /}) is the one S3 operation answered on the event loop (ADR 0018), without waiting
 * there ({@code -Dgureum.inline.check=true}); object operations, which touch files, stay on the handler pool.
 */
class InlineOperationsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();

    @Test
    void listBucketsAnswersOnTheEventLoopAndObjectsDoNot() {
        S3Client s3 = aws.client(S3Client.class);
        s3.createBucket(b -> b.bucket("inline-listing"));
        InlineRequests.Counts before = aws.gureum().inlineCounts();

        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("inline-listing")));
        InlineRequests.Counts listed = aws.gureum().inlineCounts();
        assertEquals(1, listed.answered() - before.answered());
        assertEquals(0, listed.waited() - before.waited(), "ListBuckets waited on the event loop (see the log)");

        s3.putObject(b -> b.bucket("inline-listing").key("k"), RequestBody.fromString("v"));
        assertEquals("v", s3.getObjectAsBytes(b -> b.bucket("inline-listing").key("k")).asUtf8String());
        assertEquals(listed, aws.gureum().inlineCounts(), "object operations go to the handler pool");
    }
}
