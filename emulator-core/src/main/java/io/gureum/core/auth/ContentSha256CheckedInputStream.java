package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fails at the end of a streamed S3 body whose SHA-256 differs from its signed {@code x-amz-content-sha256},
 * as S3 answers a small body's ({@code XAmzContentSHA256Mismatch}): a streamed upload is checked while it
 * is read once, not read twice.
 */
final class ContentSha256CheckedInputStream extends FilterInputStream {
    private final String declared;
    private final MessageDigest digest;
    private boolean checked;

    ContentSha256CheckedInputStream(InputStream in, String declaredHex) {
        super(in);
        this.declared = declaredHex;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            check();
        } else {
            digest.update(b, off, n);
        }
        return n;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(declared)) {
            throw new AwsException("XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
        }
    }
}
