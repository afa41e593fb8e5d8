package io.gureum.ec2.imds;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** IMDSv2 session tokens: each valid for one instance until its TTL runs out on the core clock. */
final class MetadataTokens {
    private record Token(String instanceId, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    String issue(String instanceId, Instant now, int ttlSeconds) {
        tokens.values().removeIf(t -> !now.isBefore(t.expires));
        byte[] raw = new byte[42];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(instanceId, now.plusSeconds(ttlSeconds)));
        return token;
    }

    /** The seconds the token has left for this instance, or -1 when it is unknown, expired or another instance's. */
    long remaining(String token, String instanceId, Instant now) {
        Token t = token == null ? null : tokens.get(token);
        if (t == null || !t.instanceId.equals(instanceId) || !now.isBefore(t.expires)) {
            return -1;
        }
        return Math.max(1, t.expires.getEpochSecond() - now.getEpochSecond());
    }
}
