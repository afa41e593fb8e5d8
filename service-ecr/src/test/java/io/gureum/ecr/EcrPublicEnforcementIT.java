package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Under {@code --enforce-iam} ECR Public's operations are authorised as the Service Authorization Reference's
 * {@code ecr-public:} actions on the repository's ARN (no Region), so an identity policy naming one repository
 * allows it and no other.
 */
class EcrPublicEnforcementIT {
    static Gureum gureum;
    static IamClient iam;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).enforceIam(true).build(),
                List.of(new EcrPublicService(), new IamService()));
        iam = AwsClients.client(IamClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        iam.close();
        gureum.close();
    }

    @Test
    void anIdentityPolicyNamingOneRepositoryAllowsThatRepositoryOnly() {
        iam.createUser(b -> b.userName("publisher"));
        iam.putUserPolicy(b -> b.userName("publisher").policyName("one").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr-public:CreateRepository",
                "Resource":"arn:aws:ecr-public::000000000000:repository/allowed"}]}"""));
        String key = iam.createAccessKey(b -> b.userName("publisher")).accessKey().accessKeyId();
        try (EcrPublicClient ecr = AwsClients.client(EcrPublicClient.builder().region(Region.US_EAST_1),
                gureum.endpoint(), key, "us-east-1")) {
            assertEquals("allowed", ecr.createRepository(b -> b.repositoryName("allowed")).repository()
                    .repositoryName());
            AwsServiceException denied = assertThrows(AwsServiceException.class,
                    () -> ecr.createRepository(b -> b.repositoryName("other")));
            assertEquals(400, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.awsErrorDetails().errorMessage().contains("ecr-public:CreateRepository on resource: "
                    + "arn:aws:ecr-public::000000000000:repository/other"), denied.awsErrorDetails().errorMessage());
        }
    }
}
