package io.gureum.s3;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** S3's canonical user IDs: 64 hex digits, here derived from the account so they are stable. */
public final class Owners {
    private Owners() {
    }

    public static String canonicalId(String account) {
        return HexFormat.of().formatHex(Checksums.md("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8)));
    }
}
