package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ExclusionAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningRepositoryFilterType;
import software.amazon.awssdk.services.ecr.model.SigningRule;

/** The registry's signing configuration, image signing statuses and pull time update exclusions. */
class SigningAndPullTimeExclusionsIT extends EcrTestSupport {
    static final String PROFILE = "arn:aws:signer:us-east-1:000000000000:/signing-profiles/gureum_profile";

    @TempDir
    Path dataDir;

    @Test
    void signingConfigurationIsPutReadReplacedAndDeleted() {
        String notFound = "Signing configuration does not exist in the registry with id '000000000000'";
        assertError(SigningConfigurationNotFoundException.class, "SigningConfigurationNotFoundException", 400,
                notFound, () -> ecr.getSigningConfiguration(b -> { }));
        SigningRule rule = SigningRule.builder().signingProfileArn(PROFILE).repositoryFilters(f -> f.filter("team/*")
                .filterType(SigningRepositoryFilterType.WILDCARD_MATCH)).build();
        var put = ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(rule)));
        assertEquals(List.of(rule), put.signingConfiguration().rules());
        var got = ecr.getSigningConfiguration(b -> { });
        assertEquals("000000000000", got.registryId());
        assertEquals(List.of(rule), got.signingConfiguration().rules());

        SigningRule all = SigningRule.builder().signingProfileArn(PROFILE).build();
        ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(all)));
        assertEquals(List.of(all), ecr.getSigningConfiguration(b -> { }).signingConfiguration().rules());

        var deleted = ecr.deleteSigningConfiguration(b -> { });
        assertEquals(List.of(all), deleted.signingConfiguration().rules());
        assertError(SigningConfigurationNotFoundException.class, "SigningConfigurationNotFoundException", 400,
                notFound, () -> ecr.deleteSigningConfiguration(b -> { }));
        assertError(SigningConfigurationNotFoundException.class, "SigningConfigurationNotFoundException", 400,
                notFound, () -> ecr.getSigningConfiguration(b -> { }));
    }

    @Test
    void modelConstraintsOfTheConfigurationAreChecked() {
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(SigningRule.builder()
                        .signingProfileArn("arn:aws:iam::000000000000:role/not-a-profile").build()))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(r -> r
                        .signingProfileArn(PROFILE).repositoryFilters(f -> f.filter("Upper/Case")
                                .filterType(SigningRepositoryFilterType.WILDCARD_MATCH))))));
        var tooMany = new ArrayList<SigningRule>();
        for (int i = 0; i < 11; i++) {
            tooMany.add(SigningRule.builder().signingProfileArn(PROFILE).build());
        }
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(tooMany))));
    }

    @Test
    void imagesAreNeverSignedSoTheyHaveNoSigningStatus() {
        String repo = repository("team/signed");
        ecr.putSigningConfiguration(b -> b.signingConfiguration(c -> c.rules(r -> r.signingProfileArn(PROFILE))));
        try {
            String digest = push(repo, "v1", "layer-" + repo);
            var status = ecr.describeImageSigningStatus(b -> b.repositoryName(repo).imageId(i -> i.imageTag("v1")));
            assertEquals(repo, status.repositoryName());
            assertEquals("000000000000", status.registryId());
            assertEquals(digest, status.imageId().imageDigest());
            assertEquals("v1", status.imageId().imageTag());
            assertTrue(status.signingStatuses().isEmpty());
            assertError(ImageNotFoundException.class, "ImageNotFoundException", 400, null,
                    () -> ecr.describeImageSigningStatus(b -> b.repositoryName(repo).imageId(i -> i.imageTag("nope"))));
            assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                    () -> ecr.describeImageSigningStatus(b -> b.repositoryName(repo).imageId(i -> { })));
            assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                    () -> ecr.describeImageSigningStatus(b -> b.repositoryName(unique("none"))
                            .imageId(i -> i.imageTag("v1"))));
        } finally {
            ecr.deleteSigningConfiguration(b -> { });
        }
    }

    @Test
    void pullTimeExclusionsAreRegisteredListedInPagesAndDeregistered() {
        String role = "arn:aws:iam::000000000000:role/" + unique("ci");
        String user = "arn:aws:iam::000000000000:user/" + unique("scanner");
        var registered = ecr.registerPullTimeUpdateExclusion(b -> b.principalArn(role));
        assertEquals(role, registered.principalArn());
        assertNotNull(registered.createdAt());
        ecr.registerPullTimeUpdateExclusion(b -> b.principalArn(user));
        assertError(ExclusionAlreadyExistsException.class, "ExclusionAlreadyExistsException", 400, null,
                () -> ecr.registerPullTimeUpdateExclusion(b -> b.principalArn(role)));
        var first = ecr.listPullTimeUpdateExclusions(b -> b.maxResults(1));
        assertEquals(1, first.pullTimeUpdateExclusions().size());
        assertNotNull(first.nextToken());
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            var page = ecr.listPullTimeUpdateExclusions(b -> b.maxResults(1).nextToken(from));
            all.addAll(page.pullTimeUpdateExclusions());
            token = page.nextToken();
        } while (token != null);
        assertTrue(all.containsAll(List.of(role, user)), all.toString());
        assertEquals(role, ecr.deregisterPullTimeUpdateExclusion(b -> b.principalArn(role)).principalArn());
        assertError(ExclusionNotFoundException.class, "ExclusionNotFoundException", 400, null,
                () -> ecr.deregisterPullTimeUpdateExclusion(b -> b.principalArn(role)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.registerPullTimeUpdateExclusion(b -> b.principalArn(
                        "arn:aws:sts::000000000000:assumed-role/x/y")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.listPullTimeUpdateExclusions(b -> b.maxResults(1001)));
        ecr.deregisterPullTimeUpdateExclusion(b -> b.principalArn(user));
    }

    @Test
    void theHundredAndFirstExclusionIsRefused() {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).build(), List.of(new EcrService()));
                EcrClient c = AwsClients.client(EcrClient.builder(), g)) {
            for (int i = 0; i < 100; i++) {
                String arn = "arn:aws:iam::000000000000:user/u" + i;
                c.registerPullTimeUpdateExclusion(b -> b.principalArn(arn));
            }
            var e = org.junit.jupiter.api.Assertions.assertThrows(LimitExceededException.class,
                    () -> c.registerPullTimeUpdateExclusion(b -> b.principalArn("arn:aws:iam::000000000000:user/x")));
            assertEquals("LimitExceededException", e.awsErrorDetails().errorCode());
            assertEquals(100, c.listPullTimeUpdateExclusions(b -> { }).pullTimeUpdateExclusions().size());
        }
    }

    @Test
    void signingConfigurationAndExclusionsSurviveARestart() {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new EcrService())); EcrClient c = AwsClients.client(EcrClient.builder(), g)) {
            c.putSigningConfiguration(b -> b.signingConfiguration(s -> s.rules(r -> r.signingProfileArn(PROFILE)
                    .repositoryFilters(f -> f.filter("prod*").filterType(SigningRepositoryFilterType.WILDCARD_MATCH)))));
            c.registerPullTimeUpdateExclusion(b -> b.principalArn("arn:aws:iam::000000000000:role/kept"));
            c.registerPullTimeUpdateExclusion(b -> b.principalArn("arn:aws:iam::000000000000:role/gone"));
            c.deregisterPullTimeUpdateExclusion(b -> b.principalArn("arn:aws:iam::000000000000:role/gone"));
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new EcrService())); EcrClient c = AwsClients.client(EcrClient.builder(), g)) {
            var rules = c.getSigningConfiguration(b -> { }).signingConfiguration().rules();
            assertEquals("prod*", rules.get(0).repositoryFilters().get(0).filter());
            assertEquals(List.of("arn:aws:iam::000000000000:role/kept"), c.listPullTimeUpdateExclusions(b -> { })
                    .pullTimeUpdateExclusions());
            c.deleteSigningConfiguration(b -> { });
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new EcrService())); EcrClient c = AwsClients.client(EcrClient.builder(), g)) {
            org.junit.jupiter.api.Assertions.assertThrows(SigningConfigurationNotFoundException.class,
                    () -> c.getSigningConfiguration(b -> { }));
        }
    }
}
