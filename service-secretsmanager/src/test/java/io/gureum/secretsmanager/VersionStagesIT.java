package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;

/** UpdateSecretVersionStage and ListSecretVersionIds. */
class VersionStagesIT extends SecretsTestSupport {

    @Test
    void movingAwsCurrentNeedsRemoveFromVersionIdAndLeavesAwsPreviousBehind() {
        String name = unique("move");
        String v1 = sm.createSecret(b -> b.name(name).secretString("1")).versionId();
        String v2 = token();
        sm.putSecretValue(b -> b.secretId(name).secretString("2").clientRequestToken(v2).versionStages("AWSPENDING"));
        assertError(InvalidParameterException.class, "InvalidParameterException",
                "The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to"
                        + " version " + v1 + ", so you must explicitly reference that version in RemoveFromVersionId.",
                () -> sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2)));
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2)
                        .removeFromVersionId(v2)));
        sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v2)
                .removeFromVersionId(v1));
        var stages = sm.describeSecret(b -> b.secretId(name)).versionIdsToStages();
        assertEquals(List.of("AWSPENDING", "AWSCURRENT"), stages.get(v2));
        assertEquals(List.of("AWSPREVIOUS"), stages.get(v1));
        assertEquals("2", sm.getSecretValue(b -> b.secretId(name)).secretString());

        // rolling back: AWSCURRENT returns to v1, which loses AWSPREVIOUS to v2
        sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT").moveToVersionId(v1)
                .removeFromVersionId(v2));
        stages = sm.describeSecret(b -> b.secretId(name)).versionIdsToStages();
        assertEquals(List.of("AWSCURRENT"), stages.get(v1));
        assertEquals(List.of("AWSPENDING", "AWSPREVIOUS"), stages.get(v2));
    }

    @Test
    void aCustomLabelIsRemovedWithRemoveFromVersionIdOnly() {
        String name = unique("remove");
        String v1 = sm.createSecret(b -> b.name(name).secretString("1")).versionId();
        sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("blue").moveToVersionId(v1));
        assertEquals(List.of("AWSCURRENT", "blue"), sm.describeSecret(b -> b.secretId(name)).versionIdsToStages()
                .get(v1));
        sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("blue").removeFromVersionId(v1));
        assertEquals(List.of("AWSCURRENT"), sm.describeSecret(b -> b.secretId(name)).versionIdsToStages().get(v1));
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("AWSCURRENT")
                        .removeFromVersionId(v1)));
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.updateSecretVersionStage(b -> b.secretId(name).versionStage("blue")
                        .moveToVersionId(token())));
    }

    @Test
    void deprecatedVersionsAreListedOnlyWhenAskedFor() {
        String name = unique("list");
        String v1 = sm.createSecret(b -> b.name(name).secretString("1")).versionId();
        sm.putSecretValue(b -> b.secretId(name).secretString("2"));
        sm.putSecretValue(b -> b.secretId(name).secretString("3"));
        ListSecretVersionIdsResponse labelled = sm.listSecretVersionIds(b -> b.secretId(name));
        assertEquals(2, labelled.versions().size());
        assertTrue(labelled.versions().stream().noneMatch(v -> v.versionId().equals(v1)));
        ListSecretVersionIdsResponse all = sm.listSecretVersionIds(b -> b.secretId(name).includeDeprecated(true));
        assertEquals(3, all.versions().size());
        assertEquals(v1, all.versions().get(0).versionId());
        assertTrue(all.versions().get(0).versionStages().isEmpty());
        assertNotNull(all.versions().get(0).createdDate());
        assertEquals(1, all.versions().get(0).kmsKeyIds().size());
        assertTrue(all.versions().get(0).kmsKeyIds().get(0).startsWith("arn:aws:kms:us-east-1:000000000000:key/"));
        assertEquals(name, all.name());
    }

    @Test
    void versionsPage() {
        String name = unique("pages");
        create(name, "1");
        sm.putSecretValue(b -> b.secretId(name).secretString("2"));
        ListSecretVersionIdsResponse first = sm.listSecretVersionIds(b -> b.secretId(name).maxResults(1));
        assertEquals(1, first.versions().size());
        assertNotNull(first.nextToken());
        ListSecretVersionIdsResponse second = sm.listSecretVersionIds(b -> b.secretId(name).maxResults(1)
                .nextToken(first.nextToken()));
        assertEquals(1, second.versions().size());
        assertNull(second.nextToken());
        assertError(software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException.class,
                "InvalidNextTokenException", null,
                () -> sm.listSecretVersionIds(b -> b.secretId(name).nextToken("garbage!")));
    }
}
