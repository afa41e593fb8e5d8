package io.gureum.s3;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** S3's canonical user IDs: 64 hex digits, here derived from the account so they are stable. */
public final class Owners {
    private Owners() {
    }

    /** Computed once per account: every ListBuckets and ACL answer names its owner. */
    private static final Map<String, String> IDS = new ConcurrentHashMap<>();

    public static String canonicalId(String account) {
        return IDS.computeIfAbsent(account, a ->
                HexFormat.of().formatHex(Checksums.md("SHA-256").digest(a.getBytes(StandardCharsets.UTF_8))));
    }
}
