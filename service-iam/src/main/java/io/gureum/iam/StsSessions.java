package io.gureum.iam;

import io.gureum.core.auth.Accounts;
import io.gureum.core.spi.ServiceContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials STS issued on one server, by access key ID. Registered with core so requests
 * signed with them act in their session's account (and, under {@code --verify-signatures}, verify with their
 * secret and session token); kept after expiry so that core can answer {@code ExpiredToken} rather than
 * treating the key as unknown. Shared with IAM through {@link io.gureum.core.spi.SharedState}.
 */
final class StsSessions implements Accounts.AccessKeyResolver {
    private final Map<String, StsSession> byKey = new ConcurrentHashMap<>();

    /** A fresh, empty store, made the server's current one (STS's, on create and on reset). */
    static StsSessions fresh(ServiceContext context) {
        return context.shared().replace(StsSessions.class, new StsSessions());
    }

    /** The server's current store (for IAM), or an empty one before STS's first use. */
    static StsSessions current(ServiceContext context) {
        return context.shared().get(StsSessions.class, StsSessions::new);
    }

    void add(StsSession session) {
        byKey.put(session.accessKeyId(), session);
    }

    StsSession get(String accessKeyId) {
        return accessKeyId == null ? null : byKey.get(accessKeyId);
    }

    @Override
    public Optional<Accounts.AccessKey> resolve(String accessKeyId) {
        StsSession s = get(accessKeyId);
        return s == null ? Optional.empty() : Optional.of(new Accounts.AccessKey(s.accessKeyId(),
                s.secretAccessKey(), s.account(), s.arn(), s.sessionToken(), s.expiration()));
    }
}
