package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.junit5.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * With {@code --verify-signatures} the ECR API still needs SigV4, while the registry API authenticates with
 * HTTP Basic, as ECR's registry endpoint does: core leaves its requests to the module.
 */
class RegistryVerifiedSignaturesIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new EcrService())
            .config(c -> c.verifySignatures(true)).build();

    @Test
    void theRegistryAcceptsBasicAuthenticationWhileSignaturesAreVerified() {
        String keyId = "AKIAREGISTRYTEST0001";
        String secret = "test"; // the secret AwsClients signs with
        String account = aws.gureum().context().config().defaultAccount();
        aws.gureum().context().accounts().addResolver(id -> id.equals(keyId)
                ? java.util.Optional.of(new io.gureum.core.auth.Accounts.AccessKey(keyId, secret, account,
                        "arn:aws:iam::" + account + ":root"))
                : java.util.Optional.empty());
        try (EcrClient ecr = io.gureum.core.testing.AwsClients.client(EcrClient.builder(), aws.gureum().endpoint(),
                keyId, aws.gureum().context().config().defaultRegion())) {
            RegistryHttp registry = RegistryHttp.login(aws.gureum().endpoint(), ecr);
            var ping = registry.get("/v2/");
            assertEquals(200, ping.statusCode(), RegistryHttp.text(ping));
            assertEquals(401, RegistryHttp.anonymous(aws.gureum().endpoint()).get("/v2/").statusCode());
            // An unsigned ECR API call is still refused.
            var unsigned = RegistryHttp.anonymous(aws.gureum().endpoint()).send("POST", "/",
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "X-Amz-Target",
                    "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "Content-Type",
                    "application/x-amz-json-1.1");
            assertEquals(403, unsigned.statusCode(), RegistryHttp.text(unsigned));
            org.junit.jupiter.api.Assertions.assertTrue(RegistryHttp.text(unsigned)
                    .contains("MissingAuthenticationTokenException"), RegistryHttp.text(unsigned));
        }
    }
}
