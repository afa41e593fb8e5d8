package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;

/**
 * STS GetWebIdentityToken (IAM outbound identity federation): tokens, their claims, and their signatures
 * verified with the key set the issuer's discovery document names, fetched from this server.
 */
class OutboundWebIdentityIT extends StsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "https://sts.amazonaws.com/";

    /** The decoded header and claims of a token, after its signature verified with the issuer's served JWKS. */
    record Verified(JsonNode header, JsonNode claims) {
    }

    static JsonNode getJson(URI uri, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** The issuer's discovery document, at the loopback path of its host. */
    static JsonNode discovery(URI endpoint, String issuer) throws Exception {
        String host = URI.create(issuer).getHost();
        return getJson(endpoint.resolve("/_gureum/sts/outbound/" + host + "/.well-known/openid-configuration"), 200);
    }

    /** Verifies the token as an external service would: discovery → jwks_uri → key by kid → signature. */
    static Verified verify(URI endpoint, String token) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode header = JSON.readTree(b64.decode(parts[0]));
        JsonNode claims = JSON.readTree(b64.decode(parts[1]));
        JsonNode doc = discovery(endpoint, claims.get("iss").asText());
        assertEquals(claims.get("iss").asText(), doc.get("issuer").asText());
        JsonNode jwks = getJson(URI.create(doc.get("jwks_uri").asText()), 200);
        JsonNode jwk = null;
        for (JsonNode k : jwks.get("keys")) {
            if (k.get("kid").asText().equals(header.get("kid").asText())) {
                jwk = k;
            }
        }
        assertNotNull(jwk, "kid " + header.get("kid") + " in " + jwks);
        assertEquals(header.get("alg").asText(), jwk.get("alg").asText());
        PublicKey key;
        Signature signature;
        if (jwk.get("kty").asText().equals("RSA")) {
            key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, b64.decode(jwk.get("n").asText())),
                    new BigInteger(1, b64.decode(jwk.get("e").asText()))));
            signature = Signature.getInstance("SHA256withRSA");
        } else {
            assertEquals("P-384", jwk.get("crv").asText());
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp384r1"));
            key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                    new BigInteger(1, b64.decode(jwk.get("x").asText())),
                    new BigInteger(1, b64.decode(jwk.get("y").asText()))),
                    params.getParameterSpec(ECParameterSpec.class)));
            signature = Signature.getInstance("SHA384withECDSAinP1363Format");
        }
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(b64.decode(parts[2])), "signature verifies with the served JWKS");
        return new Verified(header, claims);
    }

    @Test
    void refusedWhileTheAccountHasNotEnabledFederation() throws Exception {
        String account = "333333333331";
        StsClient sts = sts(account);
        OutboundWebIdentityFederationDisabledException e = assertThrows(
                OutboundWebIdentityFederationDisabledException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("https://api.example.com").signingAlgorithm("RS256")));
        assertEquals(403, e.statusCode());
        assertEquals("OutboundWebIdentityFederationDisabledException", e.awsErrorDetails().errorCode());
        // Enabled, then disabled again: refused again.
        IamClient iam = iam(account);
        String issuer = iam.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
        sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256"));
        iam.disableOutboundWebIdentityFederation(b -> { });
        assertThrows(OutboundWebIdentityFederationDisabledException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256")));
        // The issuer's keys stay published, so tokens issued before still verify.
        assertEquals(issuer, discovery(gureum.endpoint(), issuer).get("issuer").asText());
    }

    @Test
    void rootTokenHasTheDocumentedClaimsAndVerifiesWithTheJwks() throws Exception {
        String account = "333333333332";
        String issuer = iam(account).enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
        long before = gureum.context().clock().now().getEpochSecond();
        GetWebIdentityTokenResponse r = sts(account).getWebIdentityToken(b -> b.audience("https://api.example.com")
                .signingAlgorithm("RS256").tags(t -> t.key("job-id").value("job-1"), t -> t.key("priority").value("high")));
        long after = gureum.context().clock().now().getEpochSecond();
        Verified v = verify(gureum.endpoint(), r.webIdentityToken());
        assertEquals("RS256", v.header().get("alg").asText());
        assertEquals("JWT", v.header().get("typ").asText());
        JsonNode c = v.claims();
        assertEquals(issuer, c.get("iss").asText());
        assertTrue(c.get("aud").isTextual(), "one audience is a string: " + c);
        assertEquals("https://api.example.com", c.get("aud").asText());
        assertEquals("arn:aws:iam::" + account + ":root", c.get("sub").asText());
        long iat = c.get("iat").asLong();
        assertTrue(iat >= before && iat <= after, c.toString());
        assertEquals(iat + 300, c.get("exp").asLong(), "default duration is 300 seconds");
        assertEquals(c.get("exp").asLong(), r.expiration().getEpochSecond());
        assertFalse(c.get("jti").asText().isEmpty());
        JsonNode aws = c.get(NS);
        assertEquals(account, aws.get("aws_account").asText());
        assertEquals("us-east-1", aws.get("source_region").asText());
        assertEquals("job-1", aws.get("request_tags").get("job-id").asText());
        assertEquals("high", aws.get("request_tags").get("priority").asText());
        assertFalse(aws.has("principal_tags"));

        // Each token has its own jti; the account's RS256 key stays the same.
        Verified again = verify(gureum.endpoint(), sts(account).getWebIdentityToken(
                b -> b.audience("x").signingAlgorithm("RS256")).webIdentityToken());
        assertNotEquals(c.get("jti").asText(), again.claims().get("jti").asText());
        assertEquals(v.header().get("kid"), again.header().get("kid"));
        assertFalse(again.claims().get(NS).has("request_tags"));

        // The discovery document names the issuer and both algorithms.
        JsonNode doc = discovery(gureum.endpoint(), issuer);
        assertEquals(List.of("RS256", "ES384"), List.of(doc.get("id_token_signing_alg_values_supported").get(0)
                .asText(), doc.get("id_token_signing_alg_values_supported").get(1).asText()));
    }

    @Test
    void es384TokensWithSeveralAudiencesAndADuration() throws Exception {
        String account = "333333333333";
        iam(account).enableOutboundWebIdentityFederation(b -> { });
        GetWebIdentityTokenResponse r = sts(account).getWebIdentityToken(b -> b.audience("aud-1", "aud-2")
                .signingAlgorithm("ES384").durationSeconds(3600));
        Verified v = verify(gureum.endpoint(), r.webIdentityToken());
        assertEquals("ES384", v.header().get("alg").asText());
        assertEquals(2, v.claims().get("aud").size());
        assertEquals("aud-1", v.claims().get("aud").get(0).asText());
        assertEquals("aud-2", v.claims().get("aud").get(1).asText());
        assertEquals(v.claims().get("iat").asLong() + 3600, v.claims().get("exp").asLong());
        // RS256 and ES384 keys differ, and the key set lists both.
        Verified rsa = verify(gureum.endpoint(), sts(account).getWebIdentityToken(
                b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken());
        assertNotEquals(v.header().get("kid"), rsa.header().get("kid"));
        JsonNode doc = discovery(gureum.endpoint(), v.claims().get("iss").asText());
        assertEquals(2, getJson(URI.create(doc.get("jwks_uri").asText()), 200).get("keys").size());
        // Another account's issuer has its own keys.
        String other = "333333333334";
        iam(other).enableOutboundWebIdentityFederation(b -> { });
        Verified theirs = verify(gureum.endpoint(), sts(other).getWebIdentityToken(
                b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken());
        assertNotEquals(rsa.header().get("kid"), theirs.header().get("kid"));
        assertNotEquals(rsa.claims().get("iss"), theirs.claims().get("iss"));
    }

    @Test
    void roleSessionsAndUsersAreTheSubjectWithTheirPrincipalTags() throws Exception {
        String account = "333333333335";
        IamClient iam = iam(account);
        iam.enableOutboundWebIdentityFederation(b -> { });
        iam.createUser(b -> b.userName("alice").tags(t -> t.key("team").value("data")));
        var key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
        StsClient alice = sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey()));
        Verified user = verify(gureum.endpoint(), alice.getWebIdentityToken(
                b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken());
        assertEquals("arn:aws:iam::" + account + ":user/alice", user.claims().get("sub").asText());
        assertEquals("data", user.claims().get(NS).get("principal_tags").get("team").asText());

        String roleArn = role(account, "DataProcessingRole", trust("{\"AWS\":\"" + account + "\"}", null)
                .replace("\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]"));
        iam.tagRole(b -> b.roleName("DataProcessingRole").tags(t -> t.key("environment").value("production")));
        Credentials c = sts(account).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1").durationSeconds(900)
                .tags(t -> t.key("cost-center").value("eng"))).credentials();
        Verified role = verify(gureum.endpoint(), sts(c).getWebIdentityToken(
                b -> b.audience("a").signingAlgorithm("ES384").durationSeconds(600)).webIdentityToken());
        assertEquals(roleArn, role.claims().get("sub").asText(), "the role, not the session, is the subject");
        JsonNode tags = role.claims().get(NS).get("principal_tags");
        assertEquals("production", tags.get("environment").asText());
        assertEquals("eng", tags.get("cost-center").asText());

        // A token may not outlive the session it is asked with.
        SessionDurationEscalationException e = assertThrows(SessionDurationEscalationException.class,
                () -> sts(c).getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256").durationSeconds(3600)));
        assertEquals(403, e.statusCode());
        assertEquals("SessionDurationEscalationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void sessionEscalationFollowsTheCoreClock() {
        String account = "333333333336";
        iam(account).enableOutboundWebIdentityFederation(b -> { });
        String roleArn = role(account, "r", trust("{\"AWS\":\"" + account + "\"}", null));
        Credentials c = sts(account).assumeRole(b -> b.roleArn(roleArn).roleSessionName("s2").durationSeconds(900))
                .credentials();
        long left = c.expiration().getEpochSecond() - gureum.context().clock().now().getEpochSecond();
        // Move the clock to 200 s before the session ends: 60 s fits, 300 s (the default) does not.
        gureum.context().clock().advance(Duration.ofSeconds(left - 200));
        assertNotNull(sts(c).getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256").durationSeconds(60))
                .webIdentityToken());
        assertThrows(SessionDurationEscalationException.class,
                () -> sts(c).getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256")));
    }

    @Test
    void invalidRequestsAreValidationErrors() {
        String account = "333333333337";
        iam(account).enableOutboundWebIdentityFederation(b -> { });
        StsClient sts = sts(account);
        AwsServiceException alg = assertThrows(AwsServiceException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("HS256")));
        assertEquals("ValidationError", alg.awsErrorDetails().errorCode());
        assertEquals(400, alg.statusCode());
        assertTrue(alg.awsErrorDetails().errorMessage().contains("signingAlgorithm"), alg.getMessage());
        AwsServiceException tooShort = assertThrows(AwsServiceException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256").durationSeconds(59)));
        assertEquals("ValidationError", tooShort.awsErrorDetails().errorCode());
        AwsServiceException tooLong = assertThrows(AwsServiceException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256").durationSeconds(3601)));
        assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
        AwsServiceException manyAudiences = assertThrows(AwsServiceException.class,
                () -> sts.getWebIdentityToken(b -> b.audience("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")
                        .signingAlgorithm("RS256")));
        assertEquals("ValidationError", manyAudiences.awsErrorDetails().errorCode());
    }

    @Test
    void anUnknownIssuerHasNoDiscoveryDocument() throws Exception {
        getJson(gureum.endpoint().resolve(
                "/_gureum/sts/outbound/00000000-0000-0000-0000-000000000000.tokens.sts.global.api.aws/.well-known/jwks.json"),
                404);
    }
}
