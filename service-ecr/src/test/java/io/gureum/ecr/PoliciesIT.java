package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

class PoliciesIT extends EcrTestSupport {
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";

    @Test
    void repositoryPolicyIsSetReadAndDeleted() {
        String repo = repository("policy");
        assertError(RepositoryPolicyNotFoundException.class, "RepositoryPolicyNotFoundException", 400, null,
                () -> ecr.getRepositoryPolicy(b -> b.repositoryName(repo)));
        assertEquals(POLICY, ecr.setRepositoryPolicy(b -> b.repositoryName(repo).policyText(POLICY)).policyText());
        assertEquals(POLICY, ecr.getRepositoryPolicy(b -> b.repositoryName(repo)).policyText());
        assertEquals(POLICY, ecr.deleteRepositoryPolicy(b -> b.repositoryName(repo)).policyText());
        assertError(RepositoryPolicyNotFoundException.class, "RepositoryPolicyNotFoundException", 400, null,
                () -> ecr.deleteRepositoryPolicy(b -> b.repositoryName(repo)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'",
                () -> ecr.setRepositoryPolicy(b -> b.repositoryName(repo).policyText("not json")));
    }

    @Test
    void registryPolicyAndSettings() {
        ecr.putRegistryPolicy(b -> b.policyText(POLICY));
        assertEquals(POLICY, ecr.getRegistryPolicy(b -> { }).policyText());
        assertEquals(POLICY, ecr.deleteRegistryPolicy(b -> { }).policyText());
        assertError(RegistryPolicyNotFoundException.class, "RegistryPolicyNotFoundException", 400, null,
                () -> ecr.getRegistryPolicy(b -> { }));
        assertEquals("BASIC", ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration()
                .scanTypeAsString());
        ecr.putRegistryScanningConfiguration(b -> b.scanType("ENHANCED"));
        assertEquals("ENHANCED", ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration()
                .scanTypeAsString());
        ecr.putRegistryScanningConfiguration(b -> b.scanType("BASIC"));
        assertTrue(ecr.describeRegistry(b -> { }).replicationConfiguration().rules().isEmpty());
    }

    @Test
    void authorizationTokenIsAwsColonPasswordForThisServer() {
        AuthorizationData data = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertTrue(decoded.startsWith("AWS:") && decoded.length() > 10, decoded);
        assertEquals(gureum.endpoint().toString().replaceAll("/$", ""), data.proxyEndpoint().replaceAll("/$", ""));
        assertEquals(gureum.context().clock().now().plusSeconds(12 * 3600).getEpochSecond(),
                data.expiresAt().getEpochSecond(), 60);
    }

    @Test
    void lifecyclePolicyIsCheckedStoredAndPreviewed() {
        String repo = repository("lifecycle");
        assertError(LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException", 400, null,
                () -> ecr.getLifecyclePolicy(b -> b.repositoryName(repo)));
        assertError(LifecyclePolicyPreviewNotFoundException.class, "LifecyclePolicyPreviewNotFoundException", 400,
                null, () -> ecr.getLifecyclePolicyPreview(b -> b.repositoryName(repo)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putLifecyclePolicy(b -> b.repositoryName(repo).lifecyclePolicyText("{\"rules\":[{"
                        + "\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"countType\":"
                        + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}")));
        String untagged = push(repo, null, "old-untagged");
        String prod1 = push(repo, "prod-1", "p1");
        push(repo, "prod-2", "p2");
        push(repo, "dev-1", "d1");
        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
                + "\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\","
                + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}";
        assertEquals(policy, ecr.putLifecyclePolicy(b -> b.repositoryName(repo).lifecyclePolicyText(policy))
                .lifecyclePolicyText());
        assertEquals(policy, ecr.getLifecyclePolicy(b -> b.repositoryName(repo)).lifecyclePolicyText());
        assertEquals("IN_PROGRESS", ecr.startLifecyclePolicyPreview(b -> b.repositoryName(repo)).statusAsString());
        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(b -> b.repositoryName(repo));
        assertEquals("COMPLETE", preview.statusAsString());
        // The older prod image goes (only one is kept); the untagged one is not a day old yet.
        assertEquals(List.of(prod1), preview.previewResults().stream().map(p -> p.imageDigest()).toList());
        assertEquals(1, preview.previewResults().get(0).appliedRulePriority());
        assertEquals(1, preview.summary().expiringImageTotalCount());

        gureum.context().clock().advance(java.time.Duration.ofDays(2));
        ecr.startLifecyclePolicyPreview(b -> b.repositoryName(repo));
        List<String> expiring = ecr.getLifecyclePolicyPreview(b -> b.repositoryName(repo)).previewResults().stream()
                .map(p -> p.imageDigest()).toList();
        assertEquals(List.of(prod1, untagged), expiring);

        ecr.deleteLifecyclePolicy(b -> b.repositoryName(repo));
        assertError(LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException", 400, null,
                () -> ecr.startLifecyclePolicyPreview(b -> b.repositoryName(repo)));
    }
}
