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
    /** With {@code --data-dir}: each session is one record under its access key ID (service {@code sts}). */
    static final String SERVICE = "sts";
    static final String SESSION = "session";

    private final Map<String, StsSession> byKey = new ConcurrentHashMap<>();
    private final io.gureum.core.persist.StateStore state;

    private StsSessions(io.gureum.core.persist.StateStore state) {
        this.state = state;
    }

    /** A fresh, empty store, made the server's current one (STS's, on create and on reset). */
    static StsSessions fresh(ServiceContext context) {
        return context.shared().replace(StsSessions.class, new StsSessions(context.state()));
    }

    /** The server's current store (for IAM), or an empty one before STS's first use. */
    static StsSessions current(ServiceContext context) {
        return context.shared().get(StsSessions.class, () -> new StsSessions(context.state()));
    }

    /**
     * A session just issued. Sessions never change, and each has a new key, so its record is written once and
     * needs no lock; it is kept after expiry, as the session is, so that the key answers ExpiredToken.
     */
    void add(StsSession session) {
        byKey.put(session.accessKeyId(), session);
        if (state.enabled()) {
            state.put(SERVICE, session.account(), "", SESSION, session.accessKeyId(), session);
        }
    }

    /** The sessions issued before a restart. */
    void restore(java.util.List<io.gureum.core.persist.StateRecord> records) {
        for (io.gureum.core.persist.StateRecord r : records) {
            if (SESSION.equals(r.kind())) {
                StsSession s = r.value(StsSession.class);
                byKey.put(s.accessKeyId(), s);
            }
        }
    }

    /** Every session, for a snapshot. */
    void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        byKey.values().forEach(s -> sink.accept(io.gureum.core.persist.StateRecord.of(SERVICE, s.account(), "",
                SESSION, s.accessKeyId(), s)));
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
