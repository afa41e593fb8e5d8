package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails at the end of a streamed body whose length differs from the one the client declared
 * ({@code x-amz-decoded-content-length}), as S3 answers {@code IncompleteBody}.
 */
final class LengthCheckedInputStream extends FilterInputStream {
    private final long declared;
    private long seen;

    LengthCheckedInputStream(InputStream in, long declared) {
        super(in);
        this.declared = declared;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            seen++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            check();
        } else {
            seen += n;
        }
        return n;
    }

    private void check() {
        if (seen != declared) {
            throw new AwsException("IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header", 400);
        }
    }
}
