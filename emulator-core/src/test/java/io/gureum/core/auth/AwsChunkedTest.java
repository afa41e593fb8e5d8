package io.gureum.core.auth;

import static io.gureum.core.auth.SignedRequests.SECRET;
import static io.gureum.core.auth.SignedRequests.SIGNED_AT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;

class AwsChunkedTest {
    private static final byte[] DATA = new byte[300 * 1024];

    static {
        new Random(42).nextBytes(DATA);
    }

    /** An S3 PutObject body the way the SDK sends it: signed chunks over http, unsigned ones over https. */
    private static AwsHttpRequest upload(String scheme, ChecksumAlgorithm checksum) {
        return SignedRequests.of(SdkHttpMethod.PUT, scheme + "://127.0.0.1:4566/bucket/key")
                .service("s3").header("Content-Type", "application/octet-stream")
                .body(DATA).chunked(checksum).sign();
    }

    private static String crc32Of(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (crc.getValue() >> 24),
                (byte) (crc.getValue() >> 16), (byte) (crc.getValue() >> 8), (byte) crc.getValue()});
    }

    private static AwsHttpRequest decode(AwsHttpRequest request, String secret) {
        return AwsChunked.decode(request, SigV4Parser.parse(request), secret);
    }

    private static AwsHttpRequest withBody(AwsHttpRequest request, byte[] body) {
        return new AwsHttpRequest(request.method(), request.rawPath(), request.headers(), body);
    }

    private static byte[] replace(byte[] body, String from, String to) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void signedChunksWithTrailerDecodeAndVerify() {
        AwsHttpRequest request = upload("http", DefaultChecksumAlgorithm.CRC32);
        assertEquals(AwsChunked.SIGNED_TRAILER, request.header("x-amz-content-sha256"));
        assertDoesNotThrow(() -> new SigV4Verifier().verify(request, SigV4Parser.parse(request), SECRET, SIGNED_AT));

        AwsHttpRequest decoded = decode(request, SECRET);
        assertArrayEquals(DATA, decoded.body());
        assertEquals(Integer.toString(DATA.length), decoded.header("Content-Length"));
        assertNull(decoded.header("Content-Encoding"));
        assertEquals(crc32Of(DATA), decoded.header("x-amz-checksum-crc32"));
        assertNull(decoded.header("x-amz-trailer-signature"));
        assertEquals("application/octet-stream", decoded.header("Content-Type"));
        assertSame(decoded, decode(decoded, SECRET), "a decoded request is not decoded twice");
    }

    @Test
    void signedChunksWithoutTrailer() {
        AwsHttpRequest request = upload("http", null);
        assertEquals(AwsChunked.SIGNED, request.header("x-amz-content-sha256"));
        assertArrayEquals(DATA, decode(request, SECRET).body());
    }

    @Test
    void unsignedChunksWithTrailer() {
        AwsHttpRequest request = upload("https", DefaultChecksumAlgorithm.CRC32);
        assertEquals(AwsChunked.UNSIGNED_TRAILER, request.header("x-amz-content-sha256"));
        assertDoesNotThrow(() -> new SigV4Verifier().verify(request, SigV4Parser.parse(request), SECRET, SIGNED_AT));
        AwsHttpRequest decoded = decode(request, SECRET);
        assertArrayEquals(DATA, decoded.body());
        assertEquals(crc32Of(DATA), decoded.header("x-amz-checksum-crc32"));
    }

    @Test
    void otherChecksumAlgorithms() {
        for (ChecksumAlgorithm algorithm : List.of(DefaultChecksumAlgorithm.CRC32C, DefaultChecksumAlgorithm.SHA1,
                DefaultChecksumAlgorithm.SHA256)) {
            AwsHttpRequest decoded = decode(upload("https", algorithm), SECRET);
            assertArrayEquals(DATA, decoded.body(), algorithm.algorithmId());
            assertTrue(decoded.header("x-amz-checksum-" + algorithm.algorithmId().toLowerCase()) != null);
        }
    }

    @Test
    void crc64NvmeTrailer() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9);
        assertEquals(0xae8b14860a799888L, crc.getValue());

        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        ChecksumTrailer expected = ChecksumTrailer.forHeader("x-amz-checksum-crc64nvme");
        expected.update(data, 0, data.length);
        String value = expected.value();
        String body = "6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc64nvme:" + value + "\r\n\r\n";
        AwsHttpRequest request = AwsHttpRequest.builder("PUT", "/bucket/key")
                .header("x-amz-content-sha256", AwsChunked.UNSIGNED_TRAILER)
                .header("Content-Encoding", "aws-chunked,gzip")
                .header("x-amz-trailer", "x-amz-checksum-crc64nvme")
                .header("x-amz-decoded-content-length", "11").body(body).build();
        AwsHttpRequest decoded = AwsChunked.decode(request, null, null);
        assertEquals("hello world", decoded.bodyAsString());
        assertEquals("gzip", decoded.header("Content-Encoding"));
        assertEquals(value, decoded.header("x-amz-checksum-crc64nvme"));
    }

    @Test
    void corruptedChunkSignatureIsSignatureDoesNotMatch() {
        AwsHttpRequest request = upload("http", DefaultChecksumAlgorithm.CRC32);
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        int at = body.indexOf("chunk-signature=") + "chunk-signature=".length();
        char flipped = body.charAt(at) == 'a' ? 'b' : 'a';
        AwsHttpRequest bad = withBody(request, (body.substring(0, at) + flipped + body.substring(at + 1))
                .getBytes(StandardCharsets.ISO_8859_1));
        AwsException e = assertThrows(AwsException.class, () -> decode(bad, SECRET));
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        // Without verification the chunk signatures are framing only.
        assertArrayEquals(DATA, decode(bad, null).body());
    }

    @Test
    void wrongSecretFailsTheFirstChunk() {
        AwsException e = assertThrows(AwsException.class,
                () -> decode(upload("http", DefaultChecksumAlgorithm.CRC32), "wrong"));
        assertEquals("SignatureDoesNotMatch", e.code());
    }

    @Test
    void tamperedDataFailsTheChunkSignatureOrTheChecksum() {
        AwsHttpRequest signed = upload("http", DefaultChecksumAlgorithm.CRC32);
        byte[] body = signed.body().clone();
        body[body.length / 2] ^= 1;
        assertEquals("SignatureDoesNotMatch",
                assertThrows(AwsException.class, () -> decode(withBody(signed, body), SECRET)).code());

        AwsHttpRequest unsigned = upload("https", DefaultChecksumAlgorithm.CRC32);
        byte[] body2 = unsigned.body().clone();
        body2[body2.length / 2] ^= 1;
        AwsException e = assertThrows(AwsException.class, () -> decode(withBody(unsigned, body2), SECRET));
        assertEquals("BadDigest", e.code());
        assertEquals(400, e.status());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", e.getMessage());
    }

    @Test
    void corruptedCrcTrailer() {
        AwsHttpRequest unsigned = upload("https", DefaultChecksumAlgorithm.CRC32);
        String crc = crc32Of(DATA);
        String other = crc32Of(new byte[] {1});
        AwsException e = assertThrows(AwsException.class,
                () -> decode(withBody(unsigned, replace(unsigned.body(), crc, other)), null));
        assertEquals("BadDigest", e.code());

        // In a signed body the trailer signature covers the checksum too.
        AwsHttpRequest signed = upload("http", DefaultChecksumAlgorithm.CRC32);
        AwsException s = assertThrows(AwsException.class,
                () -> decode(withBody(signed, replace(signed.body(), crc, other)), SECRET));
        assertEquals("SignatureDoesNotMatch", s.code());
    }

    @Test
    void missingTrailerIsMalformed() {
        AwsHttpRequest unsigned = upload("https", DefaultChecksumAlgorithm.CRC32);
        byte[] body = replace(unsigned.body(), "x-amz-checksum-crc32:" + crc32Of(DATA) + "\r\n", "");
        assertEquals("MalformedTrailerError",
                assertThrows(AwsException.class, () -> decode(withBody(unsigned, body), null)).code());
    }

    @Test
    void truncatedBodyIsIncompleteBody() {
        for (AwsHttpRequest request : List.of(upload("http", DefaultChecksumAlgorithm.CRC32),
                upload("https", DefaultChecksumAlgorithm.CRC32))) {
            for (int cut : new int[] {request.body().length / 2, request.body().length - 3, 5}) {
                AwsHttpRequest truncated = withBody(request, Arrays.copyOf(request.body(), cut));
                AwsException e = assertThrows(AwsException.class, () -> decode(truncated, null));
                assertEquals(400, e.status(), e.getMessage());
                assertTrue(e.code().equals("IncompleteBody") || e.code().equals("MalformedTrailerError"), e.code());
            }
        }
    }

    @Test
    void decodedLengthMustMatch() {
        AwsHttpRequest request = upload("https", DefaultChecksumAlgorithm.CRC32);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-amz-decoded-content-length", List.of(Integer.toString(DATA.length + 1)));
        AwsException e = assertThrows(AwsException.class,
                () -> decode(new AwsHttpRequest("PUT", "/bucket/key", headers, request.body()), null));
        assertEquals("IncompleteBody", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void moreThanTheDecodedLengthIsIncompleteBody() {
        AwsHttpRequest request = upload("http", DefaultChecksumAlgorithm.CRC32);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-amz-decoded-content-length", List.of(Integer.toString(DATA.length - 1)));
        AwsException e = assertThrows(AwsException.class,
                () -> decode(new AwsHttpRequest("PUT", "/bucket/key", headers, request.body()), null));
        assertEquals("IncompleteBody", e.code());
    }

    @Test
    void aChunkHeaderLongerThanUsualIsRead() {
        // The line buffer starts small and grows: a chunk header with a 2,000-byte extension still decodes.
        String body = "5;x-ext=" + "e".repeat(2000) + "\r\nhello\r\n0\r\n\r\n";
        AwsHttpRequest request = AwsHttpRequest.builder("PUT", "/bucket/key")
                .header("x-amz-content-sha256", AwsChunked.UNSIGNED_TRAILER)
                .header("x-amz-decoded-content-length", "5")
                .header("Content-Encoding", "aws-chunked").body(body).build();
        assertEquals("hello", new String(AwsChunked.decode(request, null, null).body(), StandardCharsets.UTF_8));
    }

    @Test
    void malformedFramingIsA400() {
        for (String body : List.of("zz\r\nhello\r\n0\r\n\r\n", "5\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n",
                "", "ffffffffffffffffff\r\n", "-5\r\nhello\r\n0\r\n\r\n", "+5\r\nhello\r\n0\r\n\r\n")) {
            AwsHttpRequest request = AwsHttpRequest.builder("PUT", "/bucket/key")
                    .header("x-amz-content-sha256", AwsChunked.UNSIGNED_TRAILER)
                    .header("Content-Encoding", "aws-chunked").body(body).build();
            AwsException e = assertThrows(AwsException.class, () -> AwsChunked.decode(request, null, null), body);
            assertEquals(400, e.status(), body);
        }
    }

    @Test
    void plainBodiesAreLeftAlone() {
        AwsHttpRequest request = AwsHttpRequest.builder("PUT", "/bucket/key").body("x").build();
        assertSame(request, AwsChunked.decode(request, null, null));
    }
}
