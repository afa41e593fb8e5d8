package io.gureum.core.auth;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import java.time.Instant;

/**
 * Temporary (STS) credentials on the wire: the session token a request presents, and the checks AWS makes
 * on it before anything else — a temporary key is only valid with its own token, and not after it expires
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html).
 */
public final class SessionTokens {
    private static final String TOKEN = "X-Amz-Security-Token";

    private SessionTokens() {
    }

    /** The session token a request carries: the {@code X-Amz-Security-Token} header, or a presigned URL's query. */
    public static String of(AwsHttpRequest request) {
        String header = request.header(TOKEN);
        return header != null ? header : request.queryParameter(TOKEN);
    }

    /**
     * Checks a request signed with {@code key}. When {@code verify} (signatures are verified), a temporary key
     * without its session token fails with {@code invalidToken}, as AWS answers an unknown key. Expired
     * temporary credentials fail with AWS's expired-token error of the API the request reached, whether or not
     * signatures are verified: expiry is the credentials' own property, on the core clock. The supplier makes the invalid-key error of the API.
     */
    public static void check(AwsHttpRequest request, SignatureInfo signature, Accounts.AccessKey key, boolean verify,
            Instant now, java.util.function.Supplier<AwsException> invalidToken) {
        if (key == null || !key.temporary()) {
            return;
        }
        if (verify && !key.sessionToken().equals(of(request))) {
            throw invalidToken.get();
        }
        if (key.expiration() != null && !now.isBefore(key.expiration())) {
            throw SignatureErrors.of(request, signature).expiredToken();
        }
    }
}
