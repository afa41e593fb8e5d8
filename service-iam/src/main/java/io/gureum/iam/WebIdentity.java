package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.iam.policy.AuthorizationRequest;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import io.gureum.iam.policy.RequestPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/**
 * {@code AssumeRoleWithWebIdentity} (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html)
 * for OpenID Connect ID tokens: the token's {@code iss} must be an IAM OIDC provider of the role's account, its
 * {@code aud} one of the provider's client IDs, its RS256 signature must verify with the issuer's key, it must not
 * be expired, and the role's trust policy must allow the provider ({@code Principal.Federated}) the action with
 * the {@code <provider>:aud}, {@code :sub} and {@code :amr} context keys. Gureum knows the key of its built-in issuer
 * ({@link OidcTestIssuer}) only; it does not fetch other issuers' keys. Thumbprints are not used, as AWS no longer
 * uses them to verify tokens of providers with trusted root CAs. Session tags come from the token's
 * {@code https://aws.amazon.com/tags} claim.
 */
final class WebIdentity {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([\\w-]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final String TAGS_CLAIM = "https://aws.amazon.com/tags";

    private final StsState sts;
    private final OidcTestIssuer issuer;

    WebIdentity(StsState sts, OidcTestIssuer issuer) {
        this.sts = sts;
        this.issuer = issuer;
    }

    public AssumeRoleWithWebIdentityResponse assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest r) {
        Instant now = sts.context.clock().now();
        Jwt token = Jwt.parse(r.webIdentityToken());
        SessionPolicies.check(r.policy(), r.policyArns());
        Matcher m = ROLE_ARN.matcher(r.roleArn());
        if (!m.matches()) {
            throw denied();
        }
        String account = m.group(2);
        IamStore.Account iam = sts.iam.get().account(account);
        String iss = token.claims.path("iss").asText(null);
        String providerArn;
        List<String> clientIds;
        String trust;
        Map<String, String> roleTags;
        Role role;
        synchronized (iam) {
            OidcProvider provider = iss == null ? null : OpenIdConnectProviders.byIssuer(iam, iss);
            if (provider == null) {
                throw invalid("No OpenIDConnect provider found in your account for " + iss);
            }
            providerArn = provider.arn;
            clientIds = List.copyOf(provider.clientIds);
            role = iam.roles.get(IamStore.key(m.group(3)));
            if (role != null && !role.arn.equals(r.roleArn())) {
                role = null;
            }
            trust = role == null ? null : role.trustPolicy;
            roleTags = role == null ? Map.of() : new TreeMap<>(role.tags);
        }
        verifySignature(token);
        long exp = token.claims.path("exp").asLong(0);
        if (exp <= now.getEpochSecond()) {
            throw io.gureum.core.error.ModeledErrors.of(ExpiredTokenException.class, "Token expired: current date/time "
                    + now.getEpochSecond() + " must be before the expiration date/time " + exp);
        }
        String audience = audience(token.claims.get("aud"), clientIds);
        if (audience == null) {
            throw invalid("Incorrect token audience");
        }
        if (role == null) {
            throw denied();
        }
        String url = providerArn.substring(providerArn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
        String sub = token.claims.path("sub").asText(null);
        ContextKeys keys = new ContextKeys()
                .put(url + ":aud", audience)
                .put(url + ":sub", sub)
                .put("sts:RoleSessionName", r.roleSessionName())
                .put("aws:FederatedProvider", providerArn)
                .put("aws:CurrentTime", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        if (token.claims.has("amr")) {
            keys.putAll(url + ":amr", strings(token.claims.get("amr")));
        }
        Map<String, String> sessionTags = sessionTags(token.claims.get(TAGS_CLAIM));
        sessionTags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, v));
        if (!sessionTags.isEmpty()) {
            keys.putAll("aws:TagKeys", sessionTags.keySet());
        }
        authorize(trust, new AuthorizationRequest(new RequestPrincipal(RequestPrincipal.Kind.WEB_IDENTITY,
                providerArn, null, Set.of()), "sts:AssumeRoleWithWebIdentity", role.arn, keys), !sessionTags.isEmpty());
        int duration = r.durationSeconds() == null ? 3600 : r.durationSeconds();
        int max;
        String roleId;
        String roleName;
        synchronized (iam) {
            max = role.maxSessionDuration;
            roleId = role.id;
            roleName = role.name;
        }
        if (duration > max) {
            throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Integer packed = SessionPolicies.packedSize(r.policy(), r.policyArns(), sessionTags);
        TemporaryCredentials.Keys k = TemporaryCredentials.next(sts.context.ids());
        String sessionArn = "arn:" + m.group(1) + ":sts::" + account + ":assumed-role/" + roleName + "/"
                + r.roleSessionName();
        Map<String, String> tags = SessionTags.ofSession(roleTags, null, sessionTags);
        StsSession session = new StsSession(StsSession.Kind.ASSUMED_ROLE, k.accessKeyId(), k.secretAccessKey(),
                k.sessionToken(), account, sessionArn, roleId + ":" + r.roleSessionName(), role.arn,
                TemporaryCredentials.expiration(now, duration), null, null, tags,
                transitive(token.claims.get(TAGS_CLAIM), sessionTags), r.policy(),
                r.policyArns().stream().map(p -> p.arn()).toList());
        sts.sessions.add(session);
        return AssumeRoleWithWebIdentityResponse.builder()
                .credentials(TemporaryCredentials.of(session))
                .subjectFromWebIdentityToken(sub)
                .assumedRoleUser(AssumedRoleUser.builder().arn(sessionArn).assumedRoleId(session.userId()).build())
                .packedPolicySize(packed)
                .provider(iss)
                .audience(audience)
                .build();
    }

    private static void authorize(String trust, AuthorizationRequest request, boolean tags) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(trust);
        } catch (PolicySyntaxException e) {
            throw denied();
        }
        if (!policy.evaluate(request).decision().allowed()
                || tags && !policy.evaluate(request.withAction("sts:TagSession")).decision().allowed()) {
            throw denied();
        }
    }

    private void verifySignature(Jwt token) {
        if (!"RS256".equals(token.header.path("alg").asText())) {
            throw invalid("Unsupported token signing algorithm: " + token.header.path("alg").asText());
        }
        PublicKey key = issuer.key(token.header.path("kid").asText(null));
        if (key == null) {
            throw invalid("Couldn't retrieve verification key from your identity provider,  please reference "
                    + "AssumeRoleWithWebIdentity documentation for requirements");
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(token.signingInput.getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(token.signature)) {
                throw invalid("Couldn't verify the token's signature");
            }
        } catch (GeneralSecurityException e) {
            throw invalid("Couldn't verify the token's signature");
        }
    }

    /** The token audience that is one of the provider's client IDs (aud may be a string or a list). */
    private static String audience(JsonNode aud, List<String> clientIds) {
        for (String a : strings(aud)) {
            if (clientIds.contains(a)) {
                return a;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    /** {@code {"principal_tags": {"team": ["blue"]}, "transitive_tag_keys": ["team"]}}. */
    private static Map<String, String> sessionTags(JsonNode claim) {
        Map<String, String> out = new LinkedHashMap<>();
        if (claim != null && claim.path("principal_tags").isObject()) {
            claim.get("principal_tags").fields().forEachRemaining(e -> {
                List<String> values = strings(e.getValue());
                if (!values.isEmpty()) {
                    out.put(e.getKey(), values.get(0));
                }
            });
        }
        return out;
    }

    private static Set<String> transitive(JsonNode claim, Map<String, String> tags) {
        Set<String> out = new LinkedHashSet<>();
        if (claim != null) {
            for (String key : strings(claim.get("transitive_tag_keys"))) {
                if (tags.containsKey(key)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    private static InvalidIdentityTokenException invalid(String message) {
        return io.gureum.core.error.ModeledErrors.of(InvalidIdentityTokenException.class, message);
    }

    private static io.gureum.core.error.AwsException denied() {
        return StsErrors.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    /** A compact JWS: header, claims, signature. */
    private record Jwt(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
        static Jwt parse(String token) {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                throw invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an "
                        + "Access Token)");
            }
            try {
                java.util.Base64.Decoder b64 = java.util.Base64.getUrlDecoder();
                JsonNode header = JSON.readTree(b64.decode(parts[0]));
                JsonNode claims = JSON.readTree(b64.decode(parts[1]));
                if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                    throw new IllegalArgumentException("not objects");
                }
                return new Jwt(header, claims, parts[0] + "." + parts[1], b64.decode(parts[2]));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an "
                        + "Access Token)");
            }
        }
    }
}
