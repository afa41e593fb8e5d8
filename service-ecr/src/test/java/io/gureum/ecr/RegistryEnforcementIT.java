package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.iam.IamService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Registry requests (docker pull and push) are authorised by IAM as the ECR operations whose permissions AWS
 * requires for them, for the principal the login token was issued to: a pull-only user pulls and cannot push;
 * another account needs the repository policy to allow it.
 */
class RegistryEnforcementIT {
    static Gureum gureum;
    static EcrClient root;
    static IamClient iam;
    static String digest;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).enforceIam(true).build(),
                List.of(new EcrService(), new IamService()));
        root = AwsClients.client(EcrClient.builder(), gureum);
        iam = AwsClients.client(IamClient.builder(), gureum);
        root.createRepository(b -> b.repositoryName("app"));
        RegistryHttp r = RegistryHttp.login(gureum.endpoint(), root);
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = r.putManifest("app", "v1", Manifests.SCHEMA2,
                RegistryHttp.manifest(r.pushBlob("app", config), config.length, r.pushBlob("app", layer), layer.length));
        assertEquals(201, put.statusCode(), RegistryHttp.text(put));
        digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    @AfterAll
    static void stop() {
        root.close();
        iam.close();
        gureum.close();
    }

    @Test
    void aPullOnlyUserPullsButCannotPush() {
        iam.createUser(b -> b.userName("puller"));
        iam.putUserPolicy(b -> b.userName("puller").policyName("pull").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
                "ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Resource":"*"}]}"""));
        String key = iam.createAccessKey(b -> b.userName("puller")).accessKey().accessKeyId();
        try (EcrClient puller = AwsClients.client(EcrClient.builder(), gureum.endpoint(), key, "us-east-1")) {
            RegistryHttp r = RegistryHttp.login(gureum.endpoint(), puller);
            HttpResponse<byte[]> manifest = r.get("/v2/app/manifests/v1");
            assertEquals(200, manifest.statusCode(), RegistryHttp.text(manifest));
            String layer = RegistryHttp.json(manifest).path("layers").path(0).path("digest").asText();
            assertEquals("layer", RegistryHttp.text(r.get("/v2/app/blobs/" + layer)));

            HttpResponse<byte[]> push = r.send("POST", "/v2/app/blobs/uploads/", null);
            assertEquals(403, push.statusCode());
            String body = RegistryHttp.text(push);
            assertTrue(body.contains("\"DENIED\""), body);
            assertTrue(body.contains("arn:aws:iam::000000000000:user/puller is not authorized to perform: "
                    + "ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:000000000000:repository/app"), body);
            HttpResponse<byte[]> check = r.send("HEAD", "/v2/app/blobs/" + layer, null);
            assertEquals(403, check.statusCode(), "ecr:BatchCheckLayerAvailability is not allowed");
            assertEquals(403, r.get("/v2/app/tags/list").statusCode(), "ecr:ListImages is not allowed");
        }
    }

    @Test
    void anotherAccountPullsOnlyWhatTheRepositoryPolicyAllows() throws Exception {
        String other = "111111111111";
        String token;
        try (EcrClient ecr = AwsClients.client(EcrClient.builder(), gureum.endpoint(), other, "us-east-1")) {
            token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
        }
        assertEquals(403, pullAcrossAccounts(token).status(), "no repository policy names the other account");
        root.setRepositoryPolicy(b -> b.repositoryName("app").policyText("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                "Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""".formatted(other)));
        try {
            Reply allowed = pullAcrossAccounts(token);
            assertEquals(200, allowed.status(), new String(allowed.body(), StandardCharsets.UTF_8));
            assertEquals(List.of(digest), allowed.headers().get("docker-content-digest"));
        } finally {
            root.deleteRepositoryPolicy(b -> b.repositoryName("app"));
        }
    }

    /** GET of the image's manifest in account 000000000000's registry, named by the host, with {@code token}. */
    private static Reply pullAcrossAccounts(String token) throws Exception {
        try (RawHttp c = RawHttp.connect(gureum.port())) {
            return c.send("GET /v2/app/manifests/v1 HTTP/1.1\r\nHost: 000000000000.dkr.ecr.us-east-1.localhost:"
                    + gureum.port() + "\r\nAuthorization: Basic " + token + "\r\nAccept: "
                    + Manifests.SCHEMA2 + "\r\n\r\n").read();
        }
    }
}
