package io.gureum.ecr;

import io.gureum.core.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * GetAuthorizationToken: base64 of {@code AWS:<password>}, valid for 12 hours (API_GetAuthorizationToken), with
 * this server's endpoint as the proxy endpoint, since the registry a client logs in to is here, not at
 * {@code <account>.dkr.ecr.<region>.amazonaws.com}. The deprecated {@code registryIds} each get a token. The
 * password is what a Docker client logs in to the registry API with ({@link RegistryApi}).
 */
final class Authorization {
    static final Duration VALIDITY = Duration.ofHours(12);

    /** What a password is remembered by: its sha256 digest. */
    static String passwordKey(String password) {
        return Digests.sha256(password.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    }

    private final EcrState state;

    Authorization(EcrState state) {
        this.state = state;
    }

    public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest r) {
        java.util.List<String> registries = r.hasRegistryIds() ? r.registryIds()
                : java.util.List.of(RequestContext.current().accountId());
        String endpoint = state.context.endpoint().uri().map(Object::toString)
                .orElse("https://" + registries.get(0) + ".dkr.ecr." + RequestContext.current().region()
                        + ".amazonaws.com");
        return GetAuthorizationTokenResponse.builder().authorizationData(registries.stream()
                .map(id -> AuthorizationData.builder().authorizationToken(token(state.registry(id)))
                        .proxyEndpoint(endpoint).expiresAt(state.now().plus(VALIDITY)).build())
                .toList()).build();
    }

    /**
     * A new password for {@code registry}, remembered (by its digest) until it expires so that the registry API
     * ({@link RegistryApi}) accepts it; expired ones are forgotten.
     */
    private String token(Registry registry) {
        String password = state.context.ids().hex(64);
        java.time.Instant now = state.now();
        registry.tokens.values().removeIf(expiry -> !expiry.isAfter(now));
        registry.tokenKeys.keySet().retainAll(registry.tokens.keySet());
        String key = passwordKey(password);
        registry.tokens.put(key, now.plus(VALIDITY));
        String accessKey = io.gureum.core.protocol.RequestContext.current().accessKeyId();
        if (accessKey != null) {
            registry.tokenKeys.put(key, accessKey);
        }
        return Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
