package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** GetSecretValue, PutSecretValue and BatchGetSecretValue. */
class SecretValuesIT extends SecretsTestSupport {

    @Test
    void putMovesAwsCurrentAndTheOldVersionBecomesAwsPrevious() {
        String name = unique("put");
        String v1 = sm.createSecret(b -> b.name(name).secretString("one")).versionId();
        String t2 = token();
        PutSecretValueResponse put = sm.putSecretValue(b -> b.secretId(name).secretString("two")
                .clientRequestToken(t2));
        assertEquals(t2, put.versionId());
        assertEquals(List.of("AWSCURRENT"), put.versionStages());
        assertEquals("two", sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("one", sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPREVIOUS")).secretString());
        assertEquals("one", sm.getSecretValue(b -> b.secretId(name).versionId(v1)).secretString());

        sm.putSecretValue(b -> b.secretId(name).secretString("three"));
        var stages = sm.describeSecret(b -> b.secretId(name)).versionIdsToStages();
        assertEquals(List.of("AWSPREVIOUS"), stages.get(t2));
        assertTrue(!stages.containsKey(v1), "the first version lost its last label: " + stages);
    }

    @Test
    void versionStagesGivenLeaveAwsCurrentWhereItIs() {
        String name = unique("staged");
        create(name, "current");
        String pending = token();
        sm.putSecretValue(b -> b.secretId(name).secretString("next").clientRequestToken(pending)
                .versionStages("AWSPENDING", "mine"));
        assertEquals("current", sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("next", sm.getSecretValue(b -> b.secretId(name).versionStage("mine")).secretString());
        sm.putSecretValue(b -> b.secretId(name).secretString("other").versionStages("mine"));
        assertEquals("other", sm.getSecretValue(b -> b.secretId(name).versionStage("mine")).secretString());
        assertEquals(List.of("AWSPENDING"), sm.getSecretValue(b -> b.secretId(name).versionId(pending))
                .versionStages());
    }

    @Test
    void putIsIdempotentForTheSameTokenAndValue() {
        String name = unique("idem");
        create(name, "a");
        String t = token();
        sm.putSecretValue(b -> b.secretId(name).secretString("b").clientRequestToken(t));
        PutSecretValueResponse again = sm.putSecretValue(b -> b.secretId(name).secretString("b").clientRequestToken(t));
        assertEquals(t, again.versionId());
        assertEquals(2, sm.listSecretVersionIds(b -> b.secretId(name)).versions().size());
        assertError(ResourceExistsException.class, "ResourceExistsException", VersionWriter.VERSION_EXISTS,
                () -> sm.putSecretValue(b -> b.secretId(name).secretString("c").clientRequestToken(t)));
    }

    @Test
    void readsOfMissingThingsAreResourceNotFound() {
        String name = unique("missing");
        create(name, "a");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.", () -> sm.getSecretValue(b -> b.secretId("nope")));
        String unknown = token();
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for VersionId: " + unknown,
                () -> sm.getSecretValue(b -> b.secretId(name).versionId(unknown)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
                () -> sm.getSecretValue(b -> b.secretId(name).versionStage("AWSPENDING")));
    }

    @Test
    void versionIdAndStageMustNameTheSameVersion() {
        String name = unique("both");
        String v1 = sm.createSecret(b -> b.name(name).secretString("a")).versionId();
        sm.putSecretValue(b -> b.secretId(name).secretString("b"));
        assertEquals("a", sm.getSecretValue(b -> b.secretId(name).versionId(v1).versionStage("AWSPREVIOUS"))
                .secretString());
        assertError(InvalidRequestException.class, "InvalidRequestException", null,
                () -> sm.getSecretValue(b -> b.secretId(name).versionId(v1).versionStage("AWSCURRENT")));
    }

    @Test
    void secretsAreFoundByArnAndPartialArn() {
        String name = unique("byarn");
        String arn = create(name, "x");
        assertEquals("x", sm.getSecretValue(b -> b.secretId(arn)).secretString());
        String partial = arn.substring(0, arn.length() - 7);
        assertEquals("x", sm.getSecretValue(b -> b.secretId(partial)).secretString());
        String otherRegion = arn.replace("us-east-1", "eu-west-1");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", SecretsErrors.NOT_FOUND,
                () -> sm.getSecretValue(b -> b.secretId(otherRegion)));
    }

    @Test
    void putNeedsAValueAndNotTwo() {
        String name = unique("nov");
        create(name, "a");
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.putSecretValue(b -> b.secretId(name)));
        assertError(InvalidParameterException.class, "InvalidParameterException", Secrets.BOTH_VALUES,
                () -> sm.putSecretValue(b -> b.secretId(name).secretString("s")
                        .secretBinary(software.amazon.awssdk.core.SdkBytes.fromUtf8String("b"))));
    }

    @Test
    void lastAccessedDateIsTheDayOfTheRead() {
        String name = unique("accessed");
        create(name, "a");
        assertNull(sm.describeSecret(b -> b.secretId(name)).lastAccessedDate());
        sm.getSecretValue(b -> b.secretId(name));
        var day = gureum.context().clock().now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        assertEquals(day, sm.describeSecret(b -> b.secretId(name)).lastAccessedDate());
    }

    @Test
    void batchGetByIdsReportsEachFailureInErrors() {
        String a = unique("batch-a");
        String b2 = unique("batch-b");
        create(a, "A");
        create(b2, "B");
        sm.deleteSecret(b -> b.secretId(b2));
        BatchGetSecretValueResponse r = sm.batchGetSecretValue(b -> b.secretIdList(a, b2, "no-such-secret"));
        assertEquals(1, r.secretValues().size());
        assertEquals("A", r.secretValues().get(0).secretString());
        assertEquals(2, r.errors().size());
        assertEquals(b2, r.errors().get(0).secretId());
        assertEquals("InvalidRequestException", r.errors().get(0).errorCode());
        assertEquals(SecretsErrors.MARKED_FOR_DELETION, r.errors().get(0).message());
        assertEquals("ResourceNotFoundException", r.errors().get(1).errorCode());
    }

    @Test
    void batchGetByFiltersPages() {
        String prefix = unique("bf");
        for (int i = 0; i < 3; i++) {
            create(prefix + "/s" + i, "v" + i);
        }
        Filter f = Filter.builder().key(FilterNameStringType.NAME).values(prefix).build();
        BatchGetSecretValueResponse first = sm.batchGetSecretValue(b -> b.filters(f).maxResults(2));
        assertEquals(2, first.secretValues().size());
        BatchGetSecretValueResponse second = sm.batchGetSecretValue(b -> b.filters(f).maxResults(2)
                .nextToken(first.nextToken()));
        assertEquals(1, second.secretValues().size());
        assertNull(second.nextToken());
        assertEquals("v2", second.secretValues().get(0).secretString());
    }

    @Test
    void batchGetTakesIdsOrFiltersNotBoth() {
        Filter f = Filter.builder().key(FilterNameStringType.NAME).values("x").build();
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.batchGetSecretValue(b -> b.secretIdList("a").filters(f)));
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.batchGetSecretValue(b -> b.secretIdList("a").maxResults(5)));
    }
}
