package io.gureum.s3;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** S3's canonical user IDs: 64 hex digits, here derived from the account so they are stable. */
public final class Owners {
    /**
     * The accounts whose canonical IDs were handed out, so that an ACL grant to a canonical ID can be
     * traced back to its account (a caller only learns a canonical ID from S3's answers, which compute it).
     */
    private static final Map<String, String> ACCOUNTS = new ConcurrentHashMap<>();

    private Owners() {
    }

    public static String canonicalId(String account) {
        String id = HexFormat.of().formatHex(Checksums.md("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8)));
        ACCOUNTS.putIfAbsent(id, account);
        return id;
    }

    /** The account of a canonical ID S3 has handed out, or null for an ID it does not know. */
    public static String account(String canonicalId) {
        return canonicalId == null ? null : ACCOUNTS.get(canonicalId.toLowerCase(java.util.Locale.ROOT));
    }
}
