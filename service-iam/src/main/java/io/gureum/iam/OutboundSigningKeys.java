package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The signing keys of each account's outbound web identity federation issuer
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound.html): one key per account and
 * signing algorithm ({@code RS256}: RSA 2048; {@code ES384}: ECDSA on P-384), made (on the core clock) when the
 * account first asks for a token with that algorithm, and journaled with {@code --data-dir} so that tokens issued
 * before a restart verify after it. The issuer's OIDC discovery document and key set are served on loopback:
 * <ul>
 *   <li>{@code GET /_gureum/sts/outbound/<issuer host>/.well-known/openid-configuration}</li>
 *   <li>{@code GET /_gureum/sts/outbound/<issuer host>/.well-known/jwks.json}</li>
 * </ul>
 * where the issuer host is the one IAM's {@code GetOutboundWebIdentityFederationInfo} answers
 * ({@code <uuid>.tokens.sts.global.api.aws}): the {@code https://} issuer cannot be reached from a local server.
 */
final class OutboundSigningKeys {
    static final String KIND = "outbound-signing-key";
    static final String PATH = "/_gureum/sts/outbound/";
    static final String RS256 = "RS256";
    static final String ES384 = "ES384";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** One journaled key: its algorithm, its keys (PKCS#8 and X.509, base64) and when it was made. */
    record SigningKey(String account, String keyId, String algorithm, String privateKey, String publicKey,
            Instant created) {
        PrivateKey decodePrivate() {
            try {
                return KeyFactory.getInstance(family(algorithm))
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Unreadable signing key " + keyId, e);
            }
        }

        PublicKey decodePublic() {
            try {
                return KeyFactory.getInstance(family(algorithm))
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Unreadable signing key " + keyId, e);
            }
        }
    }

    private final ServiceContext context;
    private final Supplier<IamStore> iam;
    /** account → algorithm → key. */
    private final Map<String, Map<String, SigningKey>> keys = new ConcurrentHashMap<>();

    OutboundSigningKeys(ServiceContext context, Supplier<IamStore> iam) {
        this.context = context;
        this.iam = iam;
    }

    private static String family(String algorithm) {
        return RS256.equals(algorithm) ? "RSA" : "EC";
    }

    /** The account's key for the algorithm, made and journaled on first use. */
    SigningKey key(String account, String algorithm) {
        Map<String, SigningKey> ofAccount = keys.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        synchronized (ofAccount) {
            SigningKey existing = ofAccount.get(algorithm);
            if (existing != null) {
                return existing;
            }
            KeyPair pair;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(family(algorithm));
                if (RS256.equals(algorithm)) {
                    generator.initialize(2048);
                } else {
                    generator.initialize(new ECGenParameterSpec("secp384r1"));
                }
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is missing", e);
            }
            Base64.Encoder b64 = Base64.getEncoder();
            SigningKey key = new SigningKey(account, context.ids().hex(32), algorithm,
                    b64.encodeToString(pair.getPrivate().getEncoded()), b64.encodeToString(pair.getPublic().getEncoded()),
                    context.clock().now());
            if (context.state().enabled()) {
                context.state().put(StsSessions.SERVICE, account, "", KIND, key.keyId(), key);
            }
            ofAccount.put(algorithm, key);
            return key;
        }
    }

    /** A compact JWS of the claims, signed with the account's key for the algorithm. */
    String sign(String account, String algorithm, ObjectNode claims) {
        SigningKey key = key(account, algorithm);
        ObjectNode header = JSON.createObjectNode().put("alg", algorithm).put("typ", "JWT").put("kid", key.keyId());
        String input = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(RS256.equals(algorithm) ? "SHA256withRSA"
                    : "SHA384withECDSAinP1363Format");
            signature.initSign(key.decodePrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    void restore(List<StateRecord> records) {
        for (StateRecord r : records) {
            if (KIND.equals(r.kind())) {
                SigningKey k = r.value(SigningKey.class);
                keys.computeIfAbsent(k.account(), a -> new ConcurrentHashMap<>()).put(k.algorithm(), k);
            }
        }
    }

    void capture(Consumer<StateRecord> sink) {
        keys.values().forEach(m -> m.values().forEach(k -> sink.accept(StateRecord.of(StsSessions.SERVICE,
                k.account(), "", KIND, k.keyId(), k))));
    }

    /** Answers the issuers' discovery endpoints, or null for other paths. */
    AwsHttpResponse handle(AwsHttpRequest request) {
        String path = request.rawPath();
        if (!path.startsWith(PATH)) {
            return null;
        }
        String rest = path.substring(PATH.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String host = rest.substring(0, slash);
        String endpoint = rest.substring(slash);
        if (!endpoint.equals("/.well-known/openid-configuration") && !endpoint.equals("/.well-known/jwks.json")) {
            return null;
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return json(405, JSON.createObjectNode().put("error", "MethodNotAllowed").put("message", "Use GET"));
        }
        String issuer = "https://" + host;
        String account = accountOf(issuer);
        if (account == null) {
            return json(404, JSON.createObjectNode().put("error", "NotFound")
                    .put("message", "No account has the outbound identity federation issuer " + issuer));
        }
        if (endpoint.endsWith("jwks.json")) {
            return json(200, jwks(account));
        }
        String base = context.endpoint().uri().map(u -> u.toString().replaceAll("/$", "")).orElse("");
        ObjectNode doc = JSON.createObjectNode().put("issuer", issuer)
                .put("jwks_uri", base + PATH + host + "/.well-known/jwks.json");
        doc.putArray("response_types_supported").add("id_token");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("id_token_signing_alg_values_supported").add(RS256).add(ES384);
        return json(200, doc);
    }

    /** The account whose outbound issuer this is (also while the feature is disabled: the URL stays its own). */
    private String accountOf(String issuer) {
        String[] found = new String[1];
        iam.get().forEachAccount(a -> {
            synchronized (a) {
                if (issuer.equals(a.outboundIssuer)) {
                    found[0] = a.id;
                }
            }
        });
        return found[0];
    }

    /** The account's public keys; keys are made with the first token of their algorithm, so may be none yet. */
    ObjectNode jwks(String account) {
        ObjectNode set = JSON.createObjectNode();
        var array = set.putArray("keys");
        List<SigningKey> list = new ArrayList<>(keys.getOrDefault(account, Map.of()).values());
        list.sort(java.util.Comparator.comparing(SigningKey::created).thenComparing(SigningKey::keyId));
        for (SigningKey k : list) {
            ObjectNode jwk = array.addObject();
            PublicKey key = k.decodePublic();
            if (key instanceof RSAPublicKey rsa) {
                jwk.put("kty", "RSA").put("use", "sig").put("alg", RS256).put("kid", k.keyId())
                        .put("n", B64.encodeToString(unsigned(rsa.getModulus(), 0)))
                        .put("e", B64.encodeToString(unsigned(rsa.getPublicExponent(), 0)));
            } else {
                ECPublicKey ec = (ECPublicKey) key;
                jwk.put("kty", "EC").put("use", "sig").put("alg", ES384).put("kid", k.keyId()).put("crv", "P-384")
                        .put("x", B64.encodeToString(unsigned(ec.getW().getAffineX(), 48)))
                        .put("y", B64.encodeToString(unsigned(ec.getW().getAffineY(), 48)));
            }
        }
        return set;
    }

    /** The big-endian magnitude, left-padded to {@code size} bytes when size > 0. */
    private static byte[] unsigned(BigInteger n, int size) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        if (size > b.length) {
            byte[] padded = new byte[size];
            System.arraycopy(b, 0, padded, size - b.length, b.length);
            b = padded;
        }
        return b;
    }

    private static AwsHttpResponse json(int status, JsonNode body) {
        return new AwsHttpResponse(status).body(body.toString(), "application/json");
    }
}
