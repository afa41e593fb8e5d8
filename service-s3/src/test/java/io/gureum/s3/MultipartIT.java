package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class MultipartIT extends S3Fixture {
    static final int MIB = 1024 * 1024;

    @Test
    void partsCompleteIntoTheObjectWithTheDashNEtag() throws Exception {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big").contentType("video/mp4")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        Random random = new Random(1);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        List<CompletedPart> parts = new ArrayList<>();
        int[] sizes = {5 * MIB, 5 * MIB, 1234};
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[sizes[i]];
            random.nextBytes(data);
            whole.write(data);
            md5s.write(MessageDigest.getInstance("MD5").digest(data));
            int n = i + 1;
            var r = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(id).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
            parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        assertEquals(3, s3.listParts(b -> b.bucket(bucket).key("big").uploadId(id)).parts().size());
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(id)));
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
        String expected = '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(md5s.toByteArray()))
                + "-3\"";
        assertEquals(expected, done.eTag());
        assertTrue(done.checksumCRC32().endsWith("-3"), done.checksumCRC32());
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big"));
        assertArrayEquals(whole.toByteArray(), got.asByteArray());
        assertEquals("video/mp4", got.response().contentType());
        var second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(2));
        assertEquals(5 * MIB, second.asByteArray().length);
        assertEquals(3, second.response().partsCount());
        var range = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").range("bytes=5242870-5242889"));
        byte[] expectedRange = java.util.Arrays.copyOfRange(whole.toByteArray(), 5242870, 5242890);
        assertArrayEquals(expectedRange, range.asByteArray());
        assertThrows(NoSuchUploadException.class, () -> s3.listParts(b -> b.bucket(bucket).key("big").uploadId(id)));
    }

    @Test
    void smallPartsWrongEtagsAndAbort() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        S3Exception small = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1),
                        p -> p.partNumber(2).eTag(e2)))));
        assertEquals("EntityTooSmall", small.awsErrorDetails().errorCode());
        assertEquals(400, small.statusCode());
        S3Exception invalidPart = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag("\"bad\"")))));
        assertEquals("InvalidPart", invalidPart.awsErrorDetails().errorCode());
        S3Exception order = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).multipartUpload(m -> m.parts(p -> p.partNumber(2).eTag(e2),
                        p -> p.partNumber(1).eTag(e1)))));
        assertEquals("InvalidPartOrder", order.awsErrorDetails().errorCode());
        // A single small part is fine: only parts before the last have a minimum size.
        var one = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1))));
        assertTrue(one.eTag().endsWith("-1\""), one.eTag());
        assertEquals("tiny", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());

        String id2 = s3.createMultipartUpload(b -> b.bucket(bucket).key("k2")).uploadId();
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k2").uploadId(id2));
        NoSuchUploadException gone = assertThrows(NoSuchUploadException.class,
                () -> s3.uploadPart(b -> b.bucket(bucket).key("k2").uploadId(id2).partNumber(1),
                        RequestBody.fromString("x")));
        assertEquals(404, gone.statusCode());
    }

    @Test
    void uploadPartCopyTakesARange() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("0123456789"));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("dst")).uploadId();
        var r = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst").uploadId(id).partNumber(1).copySourceRange("bytes=2-4"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("dst").uploadId(id)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(r.copyPartResult().eTag()))));
        assertEquals("234", s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asUtf8String());
    }
}
