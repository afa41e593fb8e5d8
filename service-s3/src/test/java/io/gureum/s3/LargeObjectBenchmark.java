package io.gureum.s3;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A 1 GiB object through an in-process server with a small heap: one streamed PutObject (needs core's
 * streamed request bodies; with today's aggregation it is refused with 413 beyond --max-request-body),
 * a multipart upload of 64 × 16 MiB parts, and a streamed GetObject, checking the MD5 and reporting the
 * heap's peak. Not run by the tests:
 *
 * <pre>java -Xmx256m -cp … io.gureum.s3.LargeObjectBenchmark [sizeMiB]</pre>
 */
public final class LargeObjectBenchmark {
    private LargeObjectBenchmark() {
    }

    /** Deterministic bytes without holding them: byte i is a function of i. */
    static InputStream generated(long size) {
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                return pos < size ? (int) ((pos++ * 31 + 7) & 0xFF) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((pos++ * 31 + 7) & 0xFF);
                }
                return n;
            }
        };
    }

    static String md5(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static long heapPeakMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long size = mib << 20;
        System.out.printf("max heap %d MiB, object %d MiB%n", Runtime.getRuntime().maxMemory() >> 20, mib);
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build());
                S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), g)) {
            s3.createBucket(b -> b.bucket("large"));
            String expected = md5(generated(size));

            long t0 = System.nanoTime();
            try {
                s3.putObject(b -> b.bucket("large").key("single"),
                        RequestBody.fromContentProvider(() -> generated(size), size, "application/octet-stream"));
                System.out.printf("single PutObject: %.1f s, heap peak %d MiB%n", (System.nanoTime() - t0) / 1e9,
                        heapPeakMiB());
            } catch (Exception e) {
                System.out.println("single PutObject refused: " + e.getMessage());
            }

            long part = 16L << 20;
            t0 = System.nanoTime();
            String id = s3.createMultipartUpload(b -> b.bucket("large").key("multi")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int i = 0; i * part < size; i++) {
                long offset = i * part;
                long length = Math.min(part, size - offset);
                int n = i + 1;
                String etag = s3.uploadPart(b -> b.bucket("large").key("multi").uploadId(id).partNumber(n),
                        RequestBody.fromContentProvider(() -> {
                            InputStream in = generated(offset + length);
                            try {
                                in.skipNBytes(offset);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            return in;
                        }, length, "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket("large").key("multi").uploadId(id)
                    .multipartUpload(m -> m.parts(parts)));
            System.out.printf("multipart upload (%d parts): %.1f s, heap peak %d MiB%n", parts.size(),
                    (System.nanoTime() - t0) / 1e9, heapPeakMiB());

            t0 = System.nanoTime();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("large").key("multi"))) {
                String got = md5(in);
                System.out.printf("streamed GetObject: %.1f s, md5 %s, heap peak %d MiB%n",
                        (System.nanoTime() - t0) / 1e9, got.equals(expected) ? "matches" : "DIFFERS", heapPeakMiB());
            }
        }
    }
}
