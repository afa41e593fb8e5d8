package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** DescribeSecret and ListSecrets with filters, sorting and pages. */
class ListSecretsIT extends SecretsTestSupport {

    static Filter filter(FilterNameStringType key, String... values) {
        return Filter.builder().key(key).values(values).build();
    }

    static List<String> names(Filter... filters) {
        return sm.listSecrets(b -> b.filters(filters)).secretList().stream().map(SecretListEntry::name).toList();
    }

    @Test
    void describeShowsOnlyWhatHasAValueWithDatesFromTheClock() {
        String name = unique("desc");
        java.time.Instant beforeCreate = gureum.context().clock().now().minusSeconds(1);
        String arn = create(name, "v");
        DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(name));
        assertEquals(arn, d.arn());
        assertTrue(d.createdDate().isAfter(beforeCreate) && !d.createdDate().isAfter(gureum.context().clock().now()),
                d.createdDate() + " is the clock's time of the create");
        assertEquals(d.createdDate(), d.lastChangedDate());
        assertNull(d.kmsKeyId(), "omitted for the AWS managed key");
        assertNull(d.rotationEnabled(), "null until rotation is configured");
        assertNull(d.deletedDate());
        assertNull(d.primaryRegion());
        assertTrue(d.tags().isEmpty());
        assertEquals(1, d.versionIdsToStages().size());
        advance(Duration.ofHours(1));
        java.time.Instant before = gureum.context().clock().now();
        sm.updateSecret(b -> b.secretId(name).description("changed"));
        java.time.Instant afterCall = gureum.context().clock().now();
        DescribeSecretResponse after = sm.describeSecret(b -> b.secretId(name));
        assertEquals("changed", after.description());
        assertTrue(!after.lastChangedDate().isBefore(before) && !after.lastChangedDate().isAfter(afterCall),
                after.lastChangedDate() + " is the moved clock's time of the update");
    }

    @Test
    void filtersByNameDescriptionTagsAndAllWithNegation() {
        String p = unique("flt");
        sm.createSecret(b -> b.name(p + "/DatabaseSecret").secretString("v").description("My basic description")
                .tags(Tag.builder().key("env").value("prod").build()));
        sm.createSecret(b -> b.name(p + "/apiKey").secretString("v").description("Other")
                .tags(Tag.builder().key("team").value("payments").build()));
        assertEquals(List.of(p + "/DatabaseSecret", p + "/apiKey"), names(filter(FilterNameStringType.NAME, p)));
        assertEquals(List.of(p + "/DatabaseSecret"), names(filter(FilterNameStringType.NAME, p + "/Data")));
        assertEquals(List.of(), names(filter(FilterNameStringType.NAME, p + "/data")));
        Filter mine = filter(FilterNameStringType.NAME, p);
        assertEquals(List.of(p + "/DatabaseSecret"), names(mine,
                filter(FilterNameStringType.DESCRIPTION, "description my")));
        assertEquals(List.of(p + "/apiKey"), names(mine, filter(FilterNameStringType.TAG_KEY, "tea")));
        assertEquals(List.of(p + "/DatabaseSecret"), names(mine, filter(FilterNameStringType.TAG_VALUE, "pro")));
        assertEquals(List.of(p + "/apiKey"), names(mine, filter(FilterNameStringType.TAG_KEY, "!env")));
        assertEquals(List.of(p + "/apiKey"), names(mine, filter(FilterNameStringType.ALL, "PAYMENTS")));
        assertEquals(List.of(p + "/DatabaseSecret", p + "/apiKey"),
                names(mine, filter(FilterNameStringType.ALL, "database", "key")));
    }

    @Test
    void sortOrderAndPages() {
        String p = unique("sort");
        create(p + "/a", "v");
        advance(Duration.ofSeconds(1));
        create(p + "/b", "v");
        advance(Duration.ofSeconds(1));
        create(p + "/c", "v");
        Filter mine = filter(FilterNameStringType.NAME, p);
        assertEquals(List.of(p + "/a", p + "/b", p + "/c"), names(mine));
        List<String> desc = sm.listSecrets(b -> b.filters(mine).sortOrder(SortOrderType.DESC)).secretList().stream()
                .map(SecretListEntry::name).toList();
        assertEquals(List.of(p + "/c", p + "/b", p + "/a"), desc);
        ListSecretsResponse first = sm.listSecrets(b -> b.filters(mine).maxResults(2));
        assertEquals(2, first.secretList().size());
        assertNotNull(first.nextToken());
        ListSecretsResponse second = sm.listSecrets(b -> b.filters(mine).maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of(p + "/c"), second.secretList().stream().map(SecretListEntry::name).toList());
        assertNull(second.nextToken());
    }

    @Test
    void secretsScheduledForDeletionAreListedOnlyOnRequest() {
        String p = unique("planned");
        create(p + "/keep", "v");
        create(p + "/drop", "v");
        sm.deleteSecret(b -> b.secretId(p + "/drop"));
        Filter mine = filter(FilterNameStringType.NAME, p);
        assertEquals(List.of(p + "/keep"), names(mine));
        List<SecretListEntry> all = sm.listSecrets(b -> b.filters(mine).includePlannedDeletion(true)).secretList();
        assertEquals(2, all.size());
        assertNotNull(all.get(1).deletedDate());
    }
}
