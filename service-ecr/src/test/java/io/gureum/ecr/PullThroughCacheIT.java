package io.gureum.ecr;

import static io.gureum.ecr.EcrTestSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.secretsmanager.SecretsManagerService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRule;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.SecretNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnsupportedUpstreamRegistryException;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Pull-through cache rules: upstreams and their URLs, credential secrets, roles, describe/update/delete/validate. */
class PullThroughCacheIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new EcrService(), new SecretsManagerService()).build();
    static EcrClient ecr;
    static SecretsManagerClient sm;
    static String account;

    @BeforeAll
    static void start() {
        Gureum g = aws.gureum();
        ecr = AwsClients.client(EcrClient.builder(), g);
        sm = AwsClients.client(SecretsManagerClient.builder(), g);
        account = ecr.describeRegistry(b -> { }).registryId();
    }

    @AfterAll
    static void stop() {
        ecr.close();
        sm.close();
    }

    @Test
    void publicUpstreamsNeedNoCredential() {
        CreatePullThroughCacheRuleResponse created = ecr.createPullThroughCacheRule(b -> b
                .ecrRepositoryPrefix("ecr-public").upstreamRegistryUrl("public.ecr.aws"));
        assertEquals("ecr-public", created.upstreamRegistryAsString());
        assertEquals(account, created.registryId());
        assertNotNull(created.createdAt());
        ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay").upstreamRegistry("quay")
                .upstreamRegistryUrl("quay.io"));
        List<PullThroughCacheRule> rules = ecr.describePullThroughCacheRules(b -> b
                .ecrRepositoryPrefixes("ecr-public", "quay")).pullThroughCacheRules();
        assertEquals(List.of("public.ecr.aws", "quay.io"),
                rules.stream().map(PullThroughCacheRule::upstreamRegistryUrl).toList());
        assertEquals("ROOT", rules.get(0).upstreamRepositoryPrefix());
        // The prefix always has an assumed trailing slash: "ecr-public/" is the same rule.
        assertError(PullThroughCacheRuleAlreadyExistsException.class, "PullThroughCacheRuleAlreadyExistsException",
                400, null, () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("ecr-public/")
                        .upstreamRegistryUrl("public.ecr.aws")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("k8s").upstreamRegistryUrl(
                        "registry.k8s.io").credentialArn("arn:aws:secretsmanager:us-east-1:" + account
                                + ":secret:ecr-pullthroughcache/k8s-AbCdEf")));

        ValidatePullThroughCacheRuleResponse v = ecr.validatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay"));
        assertFalse(v.isValid());
        assertTrue(v.failure().contains("not attempted"), v.failure());

        assertEquals("quay.io", ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay"))
                .upstreamRegistryUrl());
        assertError(PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException", 400, null,
                () -> ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay")));
        assertError(PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException", 400, null,
                () -> ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes("quay")));
        assertError(PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException", 400, null,
                () -> ecr.validatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay")));
        ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("ecr-public"));
    }

    @Test
    void urlsAndPrefixesAreChecked() {
        assertError(UnsupportedUpstreamRegistryException.class, "UnsupportedUpstreamRegistryException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("elsewhere")
                        .upstreamRegistryUrl("registry.example.com")));
        assertError(UnsupportedUpstreamRegistryException.class, "UnsupportedUpstreamRegistryException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("mismatch").upstreamRegistry("quay")
                        .upstreamRegistryUrl("public.ecr.aws")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("Upper")
                        .upstreamRegistryUrl("public.ecr.aws")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("a".repeat(31))
                        .upstreamRegistryUrl("public.ecr.aws")));
        // An ECR upstream in another account needs a role of this account.
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("other-ecr")
                        .upstreamRegistryUrl("210987654321.dkr.ecr.us-west-2.amazonaws.com")));
        CreatePullThroughCacheRuleResponse cross = ecr.createPullThroughCacheRule(b -> b
                .ecrRepositoryPrefix("other-ecr").upstreamRegistryUrl("210987654321.dkr.ecr.us-west-2.amazonaws.com")
                .customRoleArn("arn:aws:iam::" + account + ":role/ptc").upstreamRepositoryPrefix("team"));
        assertEquals("ecr", cross.upstreamRegistryAsString());
        assertEquals("team", cross.upstreamRepositoryPrefix());
        ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("other-ecr"));
    }

    @Test
    void authenticatedUpstreamsNeedTheirSecret() {
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub")
                        .upstreamRegistryUrl("registry-1.docker.io")));
        String missing = "arn:aws:secretsmanager:us-east-1:" + account + ":secret:ecr-pullthroughcache/none-AbCdEf";
        assertError(SecretNotFoundException.class, "SecretNotFoundException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub")
                        .upstreamRegistryUrl("registry-1.docker.io").credentialArn(missing)));
        // The secret's name must begin with ecr-pullthroughcache/.
        String wrongName = sm.createSecret(b -> b.name("dockerhub-creds").secretString("{}")).arn();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub")
                        .upstreamRegistryUrl("registry-1.docker.io").credentialArn(wrongName)));
        String arn = sm.createSecret(b -> b.name("ecr-pullthroughcache/docker-hub")
                .secretString("{\"username\":\"me\",\"accessToken\":\"t\"}")).arn();
        CreatePullThroughCacheRuleResponse created = ecr.createPullThroughCacheRule(b -> b
                .ecrRepositoryPrefix("docker-hub").upstreamRegistryUrl("registry-1.docker.io").credentialArn(arn));
        assertEquals("docker-hub", created.upstreamRegistryAsString());
        assertEquals(arn, created.credentialArn());

        ValidatePullThroughCacheRuleResponse v = ecr.validatePullThroughCacheRule(b -> b
                .ecrRepositoryPrefix("docker-hub"));
        assertFalse(v.isValid());
        assertEquals(arn, v.credentialArn());
        assertTrue(v.failure().contains("registry-1.docker.io"), v.failure());

        String bad = sm.createSecret(b -> b.name("ecr-pullthroughcache/bad").secretString("no json")).arn();
        var updated = ecr.updatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub").credentialArn(bad));
        assertEquals(bad, updated.credentialArn());
        assertNotNull(updated.updatedAt());
        assertTrue(ecr.validatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub")).failure()
                .contains("username and accessToken"));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.updatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub")));
        assertError(PullThroughCacheRuleNotFoundException.class, "PullThroughCacheRuleNotFoundException", 400, null,
                () -> ecr.updatePullThroughCacheRule(b -> b.ecrRepositoryPrefix("nothing-here").credentialArn(arn)));
        assertEquals(bad, ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes("docker-hub"))
                .pullThroughCacheRules().get(0).credentialArn());
        ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("docker-hub"));
    }
}
