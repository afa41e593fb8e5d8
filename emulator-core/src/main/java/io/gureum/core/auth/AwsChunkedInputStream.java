package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The payload of an aws-chunked body ({@code hex-size[;chunk-signature=sig]\r\n data \r\n … 0…\r\n
 * trailers \r\n}), read as it streams by. Chunk signatures are checked at the end of each chunk and the
 * trailer checksum and signature at the end of the body, so a caller that stores bytes as it reads must
 * discard them when a read throws. Errors are {@link AwsException}s (400 for framing, the service's
 * signature error for a bad signature).
 */
public final class AwsChunkedInputStream extends InputStream {
    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final ChunkSignature signatures;
    private final MessageDigest chunkDigest;
    private final ChecksumTrailer checksum;
    private final Supplier<AwsException> mismatch;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    /** Grows to {@link #MAX_LINE} only for a long line: a chunk header is under 100 bytes. */
    private byte[] line = new byte[128];
    private long remaining;
    private boolean inChunk;
    private boolean done;
    private String chunkSignature;
    private long decodedLength;

    /**
     * @param signatures the signature chain to verify, or null to skip chunk signatures
     * @param checksum the checksum the {@code x-amz-trailer} header announced, or null
     * @param mismatch the error for a chunk or trailer signature that does not verify
     */
    AwsChunkedInputStream(InputStream in, ChunkSignature signatures, ChecksumTrailer checksum,
            Supplier<AwsException> mismatch) {
        this.in = in instanceof ByteArrayInputStream || in instanceof BufferedInputStream
                ? in : new BufferedInputStream(in);
        this.signatures = signatures;
        this.chunkDigest = signatures == null ? null : SigningKeys.newSha256();
        this.checksum = checksum;
        this.mismatch = mismatch;
    }

    /** The trailing headers without the trailer signature, complete once the stream is at its end. */
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    /** The number of payload bytes read so far. */
    public long decodedLength() {
        return decodedLength;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done && remaining == 0) {
            if (inChunk) {
                endDataChunk();
            }
            startChunk();
        }
        if (done) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw truncated();
        }
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        if (checksum != null) {
            checksum.update(b, off, n);
        }
        remaining -= n;
        decodedLength += n;
        return n;
    }

    private void startChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw truncated();
        }
        int semi = header.indexOf(';');
        String size = (semi < 0 ? header : header.substring(0, semi)).trim();
        if (size.isEmpty() || size.length() > 15) {
            throw malformed("bad chunk size '" + size + "'");
        }
        try {
            remaining = Character.digit(size.charAt(0), 16) < 0 ? -1 : Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw malformed("bad chunk size '" + size + "'");
        }
        if (remaining < 0) {
            throw malformed("bad chunk size '" + size + "'");
        }
        chunkSignature = semi < 0 ? null : extension(header.substring(semi + 1), "chunk-signature");
        if (remaining > 0) {
            inChunk = true;
            return;
        }
        // The zero-length chunk ends the data; trailers (or just a CRLF) follow it.
        verifyChunk();
        readTrailers();
        done = true;
    }

    private void endDataChunk() throws IOException {
        inChunk = false;
        int cr = in.read();
        int lf = in.read();
        if (cr < 0 || lf < 0) {
            throw truncated();
        }
        if (cr != '\r' || lf != '\n') {
            throw malformed("chunk data not followed by CRLF");
        }
        verifyChunk();
    }

    private void verifyChunk() {
        if (signatures == null) {
            return;
        }
        String dataSha256 = SigningKeys.hex(chunkDigest.digest());
        if (chunkSignature == null || !signatures.nextChunk(chunkSignature, dataSha256)) {
            throw mismatch.get();
        }
    }

    private void readTrailers() throws IOException {
        String sentSignature = null;
        StringBuilder canonical = new StringBuilder();
        String l;
        while ((l = readLine()) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new AwsException("MalformedTrailerError", "The request contained trailing data that was not "
                        + "well-formed or did not conform to our published schema.", 400);
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                sentSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signatures != null && !trailers.isEmpty()
                && (sentSignature == null || !signatures.trailer(sentSignature, canonical.toString()))) {
            throw mismatch.get();
        }
        if (checksum != null) {
            checksum.verify(trailers.get(checksum.headerName()));
        }
    }

    /** A CRLF-terminated line without its CRLF; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        int n = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                if (n == 0 || line[n - 1] != '\r') {
                    throw malformed("line not terminated by CRLF");
                }
                return new String(line, 0, n - 1, StandardCharsets.ISO_8859_1);
            }
            if (n == MAX_LINE) {
                throw malformed("line longer than " + MAX_LINE + " bytes");
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, n * 4));
            }
            line[n++] = (byte) c;
        }
        if (n == 0) {
            return null;
        }
        throw truncated();
    }

    private static String extension(String extensions, String name) {
        for (String ext : extensions.split(";")) {
            int eq = ext.indexOf('=');
            if (eq > 0 && ext.substring(0, eq).trim().equals(name)) {
                return ext.substring(eq + 1).trim();
            }
        }
        return null;
    }

    static AwsException truncated() {
        return new AwsException("IncompleteBody", "The request body terminated unexpectedly", 400);
    }

    private static AwsException malformed(String detail) {
        return new AwsException("InvalidRequest", "Malformed aws-chunked body: " + detail, 400);
    }
}
