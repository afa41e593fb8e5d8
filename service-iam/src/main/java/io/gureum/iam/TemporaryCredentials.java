package io.gureum.iam;

import io.gureum.core.ids.ResourceIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Issues temporary credentials: an {@code ASIA…} access key ID, a 40-character secret and an opaque session
 * token, valid until their expiration on the core clock.
 */
final class TemporaryCredentials {
    /** AWS's session tokens begin with these bytes (a protobuf-like header), base64-encoded. */
    private static final String TOKEN_PREFIX = "IQoJb3JpZ2luX2VjE";

    private TemporaryCredentials() {
    }

    record Keys(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    static Keys next(ResourceIds ids) {
        StringBuilder token = new StringBuilder(TOKEN_PREFIX);
        for (int i = 0; i < 8; i++) {
            token.append(ids.secretAccessKey());
        }
        return new Keys(ids.temporaryAccessKeyId(), ids.secretAccessKey(),
                token.toString().replace('/', '+'));
    }

    /** Expirations have whole seconds, as AWS's do. */
    static Instant expiration(Instant now, int seconds) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
    }

    static Credentials of(StsSession s) {
        return Credentials.builder().accessKeyId(s.accessKeyId()).secretAccessKey(s.secretAccessKey())
                .sessionToken(s.sessionToken()).expiration(s.expiration()).build();
    }
}
