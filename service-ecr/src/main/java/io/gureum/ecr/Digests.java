package io.gureum.ecr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:<hex>}, the content digest ECR and the registry API name manifests and layers by. */
final class Digests {
    private Digests() {
    }

    static String sha256(byte[] bytes) {
        return of(newSha256().digest(bytes));
    }

    /** Of a file's bytes, read through a buffer. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return of(sha.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:<hex>} of a finished SHA-256 digest. */
    static String of(byte[] sha256) {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }
}
