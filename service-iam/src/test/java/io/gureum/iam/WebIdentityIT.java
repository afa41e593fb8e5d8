package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/** IAM OIDC providers, Gureum's test issuer, and AssumeRoleWithWebIdentity with the tokens it mints. */
class WebIdentityIT extends StsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** POSTs claims to the built-in issuer; the token it signs. */
    static String token(String claims) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/sts/oidc/token"))
                .POST(HttpRequest.BodyPublishers.ofString(claims)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    static StsClient anonymous() {
        return StsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void openIdConnectProvidersHaveTheirLifecycle() {
        IamClient iam = iam(A);
        String host = unique("idp") + ".example.com";
        String arn = iam.createOpenIDConnectProvider(b -> b.url("https://" + host).clientIDList("app-1")
                .thumbprintList("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")
                .tags(t -> t.key("env").value("test"))).openIDConnectProviderArn();
        assertEquals("arn:aws:iam::" + A + ":oidc-provider/" + host, arn);
        AwsServiceException dup = assertThrows(AwsServiceException.class, () -> iam.createOpenIDConnectProvider(
                b -> b.url("https://" + host).clientIDList("app-1")));
        assertEquals("EntityAlreadyExists", dup.awsErrorDetails().errorCode());
        assertEquals(409, dup.statusCode());

        iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-2"));
        iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-2"));
        iam.removeClientIDFromOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-1"));
        iam.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn)
                .thumbprintList("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(t -> t.key("team").value("id")));
        iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tagKeys("env"));
        GetOpenIdConnectProviderResponse got = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        assertEquals(host, got.url());
        assertEquals(java.util.List.of("app-2"), got.clientIDList());
        assertEquals(java.util.List.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), got.thumbprintList());
        assertEquals("team", got.tags().get(0).key());
        assertEquals(1, iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags().size());
        assertTrue(iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .anyMatch(e -> e.arn().equals(arn)));
        iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
        NoSuchEntityException gone = assertThrows(NoSuchEntityException.class,
                () -> iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)));
        assertEquals("OpenIDConnect Provider not found for arn " + arn, gone.awsErrorDetails().errorMessage());
        assertEquals(404, gone.statusCode());
        AwsServiceException http = assertThrows(AwsServiceException.class, () -> iam.createOpenIDConnectProvider(
                b -> b.url("http://" + host).clientIDList("app-1")));
        assertEquals("InvalidInput", http.awsErrorDetails().errorCode());
    }

    @Test
    void theTestIssuerPublishesItsKeys() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode config = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(gureum.endpoint()
                + "/_gureum/sts/oidc/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString())
                .body());
        assertEquals("https://oidc.gureum.test", config.get("issuer").asText());
        JsonNode jwks = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(config.get("jwks_uri").asText()))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("RSA", jwks.get("keys").get(0).get("kty").asText());
        assertEquals("RS256", jwks.get("keys").get(0).get("alg").asText());
    }

    @Test
    void aTokenOfATrustedProviderAssumesTheRole() throws Exception {
        String host = unique("ci") + ".example.com";
        String provider = iam(B).createOpenIDConnectProvider(b -> b.url("https://" + host)
                .clientIDList("sts.amazonaws.com")).openIDConnectProviderArn();
        String name = unique("deploy");
        String roleArn = role(B, name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"" + host + ":aud\":\"sts.amazonaws.com\"},\"StringLike\":{\""
                + host + ":sub\":\"repo:acme/*\"}}}]}");
        String good = token("{\"iss\":\"https://" + host + "\",\"aud\":\"sts.amazonaws.com\",\"sub\":\"repo:acme/app\"}");
        try (StsClient sts = anonymous()) {
            AssumeRoleWithWebIdentityResponse r = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn)
                    .roleSessionName("gh-run").webIdentityToken(good));
            assertEquals("arn:aws:sts::" + B + ":assumed-role/" + name + "/gh-run", r.assumedRoleUser().arn());
            assertEquals("repo:acme/app", r.subjectFromWebIdentityToken());
            assertEquals("sts.amazonaws.com", r.audience());
            assertEquals("https://" + host, r.provider());
            assertEquals(r.assumedRoleUser().arn(), sts(r.credentials()).getCallerIdentity().arn());

            String otherRepo = token("{\"iss\":\"https://" + host + "\",\"aud\":\"sts.amazonaws.com\",\"sub\":\"repo:evil/app\"}");
            AwsServiceException denied = assertThrows(AwsServiceException.class, () -> sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("gh-run").webIdentityToken(otherRepo)));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals(403, denied.statusCode());
            assertEquals("Not authorized to perform sts:AssumeRoleWithWebIdentity", denied.awsErrorDetails().errorMessage());

            String wrongAudience = token("{\"iss\":\"https://" + host + "\",\"aud\":\"other\",\"sub\":\"repo:acme/app\"}");
            InvalidIdentityTokenException aud = assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("gh-run")
                            .webIdentityToken(wrongAudience)));
            assertEquals("InvalidIdentityToken", aud.awsErrorDetails().errorCode());
            assertEquals("Incorrect token audience", aud.awsErrorDetails().errorMessage());

            String unknownIssuer = token("{\"iss\":\"https://nobody.example.com\",\"aud\":\"sts.amazonaws.com\"}");
            InvalidIdentityTokenException iss = assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("gh-run")
                            .webIdentityToken(unknownIssuer)));
            assertEquals("No OpenIDConnect provider found in your account for https://nobody.example.com",
                    iss.awsErrorDetails().errorMessage());

            String forged = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
            assertThrows(InvalidIdentityTokenException.class, () -> sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("gh-run").webIdentityToken(forged)));
            assertThrows(InvalidIdentityTokenException.class, () -> sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("gh-run").webIdentityToken("not-a-jwt")));

            long now = gureum.context().clock().now().getEpochSecond();
            String expired = token("{\"iss\":\"https://" + host + "\",\"aud\":\"sts.amazonaws.com\","
                    + "\"sub\":\"repo:acme/app\",\"exp\":" + (now - 10) + "}");
            ExpiredTokenException e = assertThrows(ExpiredTokenException.class, () -> sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("gh-run").webIdentityToken(expired)));
            assertEquals("ExpiredTokenException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Token expired: current date/time "),
                    e.awsErrorDetails().errorMessage());

            AwsServiceException tooLong = assertThrows(AwsServiceException.class, () -> sts.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("gh-run").webIdentityToken(good).durationSeconds(7200)));
            assertEquals("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                    tooLong.awsErrorDetails().errorMessage());
        }
    }
}
