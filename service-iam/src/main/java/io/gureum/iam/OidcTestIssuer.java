package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ServiceContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Gureum's built-in OpenID Connect issuer, so tests can mint web identity tokens without a real identity
 * provider. One RSA key per server; tokens are RS256 JWTs. Endpoints (JSON):
 * <ul>
 *   <li>{@code POST /_gureum/sts/oidc/token} with a JSON object of claims answers {@code {"token": "…"}}; missing
 *   claims default to {@code iss} = {@value #ISSUER}, {@code sub} = {@code gureum-test-user}, {@code iat} = now and
 *   {@code exp} = now + 1 hour on the core clock. Give {@code aud} (a client ID of the IAM provider).</li>
 *   <li>{@code GET /_gureum/sts/oidc/jwks} answers the key set; {@code GET
 *   /_gureum/sts/oidc/.well-known/openid-configuration} the discovery document.</li>
 * </ul>
 * STS verifies tokens signed with this key whatever their {@code iss}, so one issuer serves as many IAM
 * providers as a test creates (each with its own {@code https://} URL).
 */
final class OidcTestIssuer {
    static final String ISSUER = "https://oidc.gureum.test";
    static final String KEY_ID = "gureum-test-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ServiceContext context;
    private KeyPair keys;

    OidcTestIssuer(ServiceContext context) {
        this.context = context;
    }

    /** The key pair, made on first use: servers that never see web identities do not pay for it. */
    private synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is missing", e);
            }
        }
        return keys;
    }

    /** The verification key of a token's {@code kid}, or null when this issuer did not sign it. */
    PublicKey key(String keyId) {
        return KEY_ID.equals(keyId) ? keys().getPublic() : null;
    }

    /** A signed token with the given claims and the defaults. */
    String mint(ObjectNode claims) {
        long now = context.clock().now().getEpochSecond();
        if (!claims.has("iss")) {
            claims.put("iss", ISSUER);
        }
        if (!claims.has("sub")) {
            claims.put("sub", "gureum-test-user");
        }
        if (!claims.has("iat")) {
            claims.put("iat", now);
        }
        if (!claims.has("exp")) {
            claims.put("exp", now + 3600);
        }
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", KEY_ID);
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys().getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** Answers the endpoints under {@code /_gureum/sts/oidc/}, or null for other paths. */
    AwsHttpResponse handle(AwsHttpRequest request) {
        String path = request.rawPath();
        String base = "/_gureum/sts/oidc";
        if (path.equals(base + "/token")) {
            if (!request.method().equals("POST")) {
                return json(405, error("MethodNotAllowed", "Use POST"));
            }
            JsonNode claims;
            try {
                String body = request.bodyAsString();
                claims = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (java.io.IOException e) {
                claims = null;
            }
            if (claims == null || !claims.isObject()) {
                return json(400, error("InvalidRequest", "The body must be a JSON object of claims"));
            }
            return json(200, JSON.createObjectNode().put("token", mint((ObjectNode) claims)));
        }
        if (path.equals(base + "/jwks")) {
            return json(200, jwks());
        }
        if (path.equals(base + "/.well-known/openid-configuration")) {
            ObjectNode doc = JSON.createObjectNode().put("issuer", ISSUER)
                    .put("jwks_uri", context.endpoint().uri().map(u -> u.toString().replaceAll("/$", "")).orElse("") + base + "/jwks");
            doc.putArray("id_token_signing_alg_values_supported").add("RS256");
            doc.putArray("response_types_supported").add("id_token");
            doc.putArray("subject_types_supported").add("public");
            return json(200, doc);
        }
        return null;
    }

    private ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) keys().getPublic();
        ObjectNode set = JSON.createObjectNode();
        set.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", KEY_ID)
                .put("n", B64.encodeToString(unsigned(key.getModulus())))
                .put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        return set;
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error", code).put("message", message);
    }

    private static AwsHttpResponse json(int status, JsonNode body) {
        return new AwsHttpResponse(status).body(body.toString(), "application/json");
    }
}
