package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/** IAM SAML providers, Gureum's test IdP, and AssumeRoleWithSAML with the responses it signs. */
class SamlIT extends StsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static String samlResponse(String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint()
                + "/_gureum/sts/saml/response")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("SAMLResponse").asText();
    }

    @Test
    void samlProvidersHaveTheirLifecycle() throws Exception {
        IamClient iam = iam(A);
        String metadata = metadata();
        String name = unique("okta");
        String arn = iam.createSAMLProvider(b -> b.name(name).samlMetadataDocument(metadata)
                .tags(t -> t.key("env").value("test"))).samlProviderArn();
        assertEquals("arn:aws:iam::" + A + ":saml-provider/" + name, arn);
        assertEquals(metadata, iam.getSAMLProvider(b -> b.samlProviderArn(arn)).samlMetadataDocument());
        assertTrue(iam.listSAMLProviders().samlProviderList().stream().anyMatch(p -> p.arn().equals(arn)));
        iam.tagSAMLProvider(b -> b.samlProviderArn(arn).tags(t -> t.key("team").value("id")));
        iam.untagSAMLProvider(b -> b.samlProviderArn(arn).tagKeys("env"));
        assertEquals("team", iam.listSAMLProviderTags(b -> b.samlProviderArn(arn)).tags().get(0).key());
        AwsServiceException bad = assertThrows(AwsServiceException.class,
                () -> iam.createSAMLProvider(b -> b.name(unique("bad")).samlMetadataDocument("<notmetadata/>" + " ".repeat(1000))));
        assertEquals("InvalidInput", bad.awsErrorDetails().errorCode());
        assertEquals("Could not parse metadata", bad.awsErrorDetails().errorMessage());
        assertEquals(arn, iam.updateSAMLProvider(b -> b.samlProviderArn(arn).samlMetadataDocument(metadata))
                .samlProviderArn());
        iam.deleteSAMLProvider(b -> b.samlProviderArn(arn));
        NoSuchEntityException gone = assertThrows(NoSuchEntityException.class,
                () -> iam.getSAMLProvider(b -> b.samlProviderArn(arn)));
        assertEquals("Manifest not found for arn " + arn, gone.awsErrorDetails().errorMessage());
    }

    private static String metadata() throws Exception {
        return get("/_gureum/sts/saml/metadata");
    }

    @Test
    void aSignedAssertionNamingTheRoleAssumesIt() throws Exception {
        String metadata = metadata();
        String provider = iam(B).createSAMLProvider(b -> b.name(unique("idp")).samlMetadataDocument(metadata))
                .samlProviderArn();
        String name = unique("sso-admin");
        String roleArn = role(B, name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":\"sts:AssumeRoleWithSAML\","
                + "\"Condition\":{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}");
        String pair = "\"" + roleArn + "," + provider + "\"";
        String good = samlResponse("{\"roles\":[" + pair + "],\"roleSessionName\":\"alice@example.com\","
                + "\"subject\":\"alice\"}");
        try (StsClient sts = WebIdentityIT.anonymous()) {
            AssumeRoleWithSamlResponse r = sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(provider)
                    .samlAssertion(good));
            assertEquals("arn:aws:sts::" + B + ":assumed-role/" + name + "/alice@example.com", r.assumedRoleUser().arn());
            assertEquals("alice", r.subject());
            assertEquals("transient", r.subjectType());
            assertEquals(SamlTestIdp.ENTITY_ID, r.issuer());
            assertEquals("https://signin.aws.amazon.com/saml", r.audience());
            assertEquals(SamlFederation.nameQualifier(SamlTestIdp.ENTITY_ID, B,
                    provider.substring(provider.lastIndexOf('/') + 1)), r.nameQualifier());
            assertEquals(r.assumedRoleUser().arn(), sts(r.credentials()).getCallerIdentity().arn());

            // A changed assertion no longer verifies.
            String xml = new String(Base64.getDecoder().decode(good), StandardCharsets.UTF_8);
            String tampered = Base64.getEncoder().encodeToString(xml.replace(">alice<", ">mallory<")
                    .getBytes(StandardCharsets.UTF_8));
            InvalidIdentityTokenException forged = assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(provider).samlAssertion(tampered)));
            assertEquals("InvalidIdentityToken", forged.awsErrorDetails().errorCode());
            assertEquals(400, forged.statusCode());

            // Not naming the role: denied.
            String otherRole = samlResponse("{\"roles\":[\"arn:aws:iam::" + B + ":role/other," + provider
                    + "\"],\"roleSessionName\":\"alice\"}");
            AwsServiceException denied = assertThrows(AwsServiceException.class, () -> sts.assumeRoleWithSAML(
                    b -> b.roleArn(roleArn).principalArn(provider).samlAssertion(otherRole)));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals("Not authorized to perform sts:AssumeRoleWithSAML", denied.awsErrorDetails().errorMessage());

            String noName = samlResponse("{\"roles\":[" + pair + "]}");
            assertEquals("RoleSessionName is required in AuthnResponse", assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(provider).samlAssertion(noName)))
                    .awsErrorDetails().errorMessage());

            long now = gureum.context().clock().now().getEpochSecond();
            String expired = samlResponse("{\"roles\":[" + pair + "],\"roleSessionName\":\"alice\",\"notOnOrAfter\":"
                    + (now - 1) + "}");
            assertThrows(ExpiredTokenException.class, () -> sts.assumeRoleWithSAML(b -> b.roleArn(roleArn)
                    .principalArn(provider).samlAssertion(expired)));

            String elsewhere = samlResponse("{\"roles\":[" + pair + "],\"roleSessionName\":\"alice\","
                    + "\"audience\":\"https://example.com/saml\"}");
            assertThrows(InvalidIdentityTokenException.class, () -> sts.assumeRoleWithSAML(b -> b.roleArn(roleArn)
                    .principalArn(provider).samlAssertion(elsewhere)));
        }
    }
}
