package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.services.s3control.model.StorageLensConfiguration;
import software.amazon.awssdk.services.s3control.model.StorageLensGroup;
import software.amazon.awssdk.services.s3control.model.StorageLensGroupFilter;
import software.amazon.awssdk.services.s3control.model.StorageLensTag;
import software.amazon.awssdk.services.s3control.model.Tag;

/** Storage Lens configurations (with their tagging) and Storage Lens groups (with TagResource). */
class StorageLensIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static S3ControlClient control;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        control = ControlClients.control(gureum, "test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        control.close();
    }

    static String newId() {
        return "lens-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static StorageLensConfiguration config(String id, Consumer<StorageLensConfiguration.Builder> more) {
        StorageLensConfiguration.Builder b = StorageLensConfiguration.builder().id(id).isEnabled(true)
                .accountLevel(a -> a.bucketLevel(l -> l.activityMetrics(m -> m.isEnabled(true))));
        more.accept(b);
        return b.build();
    }

    static void assertError(String code, int status, org.junit.jupiter.api.function.Executable call) {
        S3ControlException e = assertThrows(S3ControlException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
    }

    static Map<String, String> lensTags(String id) {
        return control.getStorageLensConfigurationTagging(r -> r.accountId(ACCOUNT).configId(id)).tags().stream()
                .collect(Collectors.toMap(StorageLensTag::key, StorageLensTag::value));
    }

    @Test
    void configurationsArePutReadListedTaggedAndDeleted() {
        String id = newId();
        control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id)
                .storageLensConfiguration(config(id, c -> c.include(i -> i.buckets("arn:aws:s3:::b1"))))
                .tags(StorageLensTag.builder().key("team").value("a").build()));
        StorageLensConfiguration got = control.getStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id))
                .storageLensConfiguration();
        assertEquals("arn:aws:s3:us-east-1:" + ACCOUNT + ":storage-lens/" + id, got.storageLensArn());
        assertEquals(List.of("arn:aws:s3:::b1"), got.include().buckets());
        assertTrue(got.accountLevel().bucketLevel().activityMetrics().isEnabled());
        assertEquals(Map.of("team", "a"), lensTags(id));
        var entry = control.listStorageLensConfigurations(r -> r.accountId(ACCOUNT)).storageLensConfigurationList()
                .stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertEquals("us-east-1", entry.homeRegion());
        assertEquals(got.storageLensArn(), entry.storageLensArn());
        assertTrue(entry.isEnabled());

        control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id)
                .storageLensConfiguration(config(id, c -> c.isEnabled(false))));
        assertNull(control.getStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id))
                .storageLensConfiguration().include(), "a put replaces the configuration");
        assertEquals(Map.of("team", "a"), lensTags(id), "a put without tags keeps them");
        control.putStorageLensConfigurationTagging(r -> r.accountId(ACCOUNT).configId(id)
                .tags(StorageLensTag.builder().key("env").value("dev").build()));
        assertEquals(Map.of("env", "dev"), lensTags(id));
        control.deleteStorageLensConfigurationTagging(r -> r.accountId(ACCOUNT).configId(id));
        assertEquals(Map.of(), lensTags(id));

        control.deleteStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id));
        assertError("NoSuchConfiguration", 404,
                () -> control.getStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id)));
        assertError("NoSuchConfiguration", 404,
                () -> control.deleteStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId(id)));
        assertError("NoSuchConfiguration", 404,
                () -> control.getStorageLensConfigurationTagging(r -> r.accountId(ACCOUNT).configId(id)));
        try (S3ControlClient west = ControlClients.control(gureum, "test", "us-west-2")) {
            assertTrue(west.listStorageLensConfigurations(r -> r.accountId(ACCOUNT)).storageLensConfigurationList()
                    .stream().noneMatch(e -> e.id().equals(id)), "kept per home Region");
        }
    }

    @Test
    void configurationsAreCheckedAsAwsDoes() {
        String id = newId();
        assertError("InvalidConfigId", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config("other", c -> { }))));
        assertError("InvalidIncludeExcludeContainers", 400, () -> control.putStorageLensConfiguration(r -> r
                .accountId(ACCOUNT).configId(id).storageLensConfiguration(config(id, c -> c
                        .include(i -> i.regions("us-east-1")).exclude(e -> e.regions("eu-west-1"))))));
        assertError("EmptyIncludeContainer", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.include(i -> { })))));
        assertError("InvalidStorageLensArn", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.storageLensArn(
                        "arn:aws:s3:us-east-1:" + ACCOUNT + ":storage-lens/" + id)))));
        assertError("TooManyBuckets", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.exclude(e -> e.buckets(IntStream
                        .range(0, 51).mapToObj(n -> "arn:aws:s3:::b" + n).toList()))))));
        assertError("InvalidDestination", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.dataExport(x -> x.s3BucketDestination(d -> d
                        .arn("bucket").accountId(ACCOUNT).format("CSV").outputSchemaVersion("V_1")))))));
        assertError("InvalidEncryptionMethod", 400, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.dataExport(x -> x.s3BucketDestination(d -> d
                        .arn("arn:aws:s3:::export").accountId(ACCOUNT).format("CSV").outputSchemaVersion("V_1")
                        .encryption(e -> e.sses3(s -> { }).ssekms(k -> k.keyId("arn:aws:kms:us-east-1:" + ACCOUNT
                                + ":key/k")))))))));
        assertError("InvalidMaximumPrefixDepth", 400, () -> control.putStorageLensConfiguration(r -> r
                .accountId(ACCOUNT).configId(id).storageLensConfiguration(config(id, c -> c.accountLevel(a -> a
                        .bucketLevel(b -> b.prefixLevel(p -> p.storageMetrics(m -> m.isEnabled(true)
                                .selectionCriteria(s -> s.maxDepth(11))))))))));
        assertError("NotImplemented", 501, () -> control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT)
                .configId(id).storageLensConfiguration(config(id, c -> c.awsOrg(o -> o
                        .arn("arn:aws:organizations::" + ACCOUNT + ":organization/o-abcdefghij"))))));
        assertError("DefaultConfigurationDeleteForbidden", 403, () -> control.deleteStorageLensConfiguration(r -> r
                .accountId(ACCOUNT).configId("default-account-dashboard")));
        assertError("AccessDenied", 403, () -> control.getStorageLensConfiguration(r -> r.accountId("111122223333")
                .configId(id)));
    }

    static StorageLensGroup group(String name, Consumer<StorageLensGroupFilter.Builder> filter) {
        return StorageLensGroup.builder().name(name).filter(f -> filter.accept(f)).build();
    }

    @Test
    void groupsAreCreatedReadUpdatedListedTaggedAndDeleted() {
        String name = newId();
        control.createStorageLensGroup(r -> r.accountId(ACCOUNT).storageLensGroup(group(name, f -> f
                .matchAnyPrefix("logs/", "tmp/"))).tags(Tag.builder().key("team").value("a").build()));
        StorageLensGroup got = control.getStorageLensGroup(r -> r.accountId(ACCOUNT).name(name)).storageLensGroup();
        String arn = "arn:aws:s3:us-east-1:" + ACCOUNT + ":storage-lens-group/" + name;
        assertEquals(arn, got.storageLensGroupArn());
        assertEquals(List.of("logs/", "tmp/"), got.filter().matchAnyPrefix());
        assertError("ConfigurationAlreadyExists", 409, () -> control.createStorageLensGroup(r -> r.accountId(ACCOUNT)
                .storageLensGroup(group(name, f -> f.matchAnySuffix(".log")))));

        control.updateStorageLensGroup(r -> r.accountId(ACCOUNT).name(name).storageLensGroup(group(name, f -> f
                .and(a -> a.matchAnySuffix(".log").matchObjectSize(s -> s.bytesGreaterThan(1L).bytesLessThan(1024L))))));
        got = control.getStorageLensGroup(r -> r.accountId(ACCOUNT).name(name)).storageLensGroup();
        assertEquals(List.of(".log"), got.filter().and().matchAnySuffix());
        assertEquals(1024L, got.filter().and().matchObjectSize().bytesLessThan());
        assertError("MismatchedName", 400, () -> control.updateStorageLensGroup(r -> r.accountId(ACCOUNT).name(name)
                .storageLensGroup(group("other", f -> f.matchAnySuffix(".log")))));
        var entry = control.listStorageLensGroups(r -> r.accountId(ACCOUNT)).storageLensGroupList().stream()
                .filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        assertEquals(arn, entry.storageLensGroupArn());
        assertEquals("us-east-1", entry.homeRegion());

        control.tagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tags(Tag.builder().key("env").value("dev")
                .build()));
        control.untagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tagKeys("team"));
        assertEquals(Map.of("env", "dev"), AccessPointsIT.tagsOf(control, arn));

        control.deleteStorageLensGroup(r -> r.accountId(ACCOUNT).name(name));
        assertError("NoSuchConfiguration", 404, () -> control.getStorageLensGroup(r -> r.accountId(ACCOUNT)
                .name(name)));
        assertError("NoSuchConfiguration", 404, () -> control.listTagsForResource(r -> r.accountId(ACCOUNT)
                .resourceArn(arn)));
    }

    @Test
    void groupFiltersAreCheckedAsAwsDoes() {
        String name = newId();
        Map<String, Consumer<StorageLensGroupFilter.Builder>> refused = Map.of(
                "InvalidFilter", f -> { },
                "InvalidLogicalOperator", f -> f.or(o -> o.matchAnyPrefix("a")),
                "InvalidMatchAnyPrefix", f -> f.matchAnyPrefix(List.of()),
                "InvalidAge", f -> f.matchObjectAge(a -> a.daysGreaterThan(0)),
                "InvalidNumericCombination", f -> f.matchObjectAge(a -> a.daysGreaterThan(30).daysLessThan(10)),
                "TooManyElements", f -> f.matchAnySuffix(IntStream.range(0, 11).mapToObj(n -> "." + n).toList()),
                "DuplicateElement", f -> f.matchAnyPrefix("a", "a"),
                "InvalidMatchObjectSize", f -> f.matchObjectSize(s -> { }));
        refused.forEach((code, filter) -> assertError(code, 400, () -> control.createStorageLensGroup(r -> r
                .accountId(ACCOUNT).storageLensGroup(group(name, filter)))));
        assertError("InvalidFilter", 400, () -> control.createStorageLensGroup(r -> r.accountId(ACCOUNT)
                .storageLensGroup(group(name, f -> f.matchAnyPrefix("a").matchAnySuffix("b")))));
        assertTrue(control.listStorageLensGroups(r -> r.accountId(ACCOUNT)).storageLensGroupList().stream()
                .noneMatch(e -> e.name().equals(name)));
    }
}
