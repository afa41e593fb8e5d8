package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import io.gureum.vpc.VpcService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SQL Server High Availability standby detection through SDK v2: the AMI prerequisite, detections that go from
 * {@code processing} to {@code invalid} on the core clock with the prerequisite they miss, states, history with its
 * time window, filters, pages, disabling, and refusals.
 */
class SqlHaStandbyDetectionsIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new IamService(), new StsService())
            .build();
    static Gureum gureum;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        InProcessWarmUp.ec2(gureum);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static String image(Ec2Client ec2, String platformDetails) {
        return ec2.describeImages(b -> b.owners("amazon").filters(filter("platform-details", platformDetails)))
                .images().get(0).imageId();
    }

    static String launch(Ec2Client ec2, String platformDetails) {
        String ami = image(ec2, platformDetails);
        return ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(1).maxCount(1)).instances()
                .get(0).instanceId();
    }

    private static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    private static RegisteredInstance state(String id) {
        List<RegisteredInstance> found = ec2.describeInstanceSqlHaStates(b -> b.instanceIds(id)).instances();
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void aDetectionIsProcessingThenInvalidAndSaysWhy() {
        String instance = launch(ec2, "Windows with SQL Server Standard");
        ec2.createTags(b -> b.resources(instance).tags(t -> t.key("Team").value("db")));
        Instant before = gureum.context().clock().now();
        RegisteredInstance enabled = ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(instance))
                .instances().get(0);
        assertEquals(instance, enabled.instanceId());
        assertEquals("processing", enabled.haStatusAsString());
        assertEquals("full", enabled.sqlServerLicenseUsageAsString());
        assertNotNull(enabled.processingStatus());
        assertNull(enabled.sqlServerCredentials());
        Instant enabledAt = enabled.lastUpdatedTime();
        assertTrue(!enabledAt.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), enabledAt
                + " " + before);
        assertEquals("processing", state(instance).haStatusAsString());

        advance(Duration.ofSeconds(10));
        RegisteredInstance settled = state(instance);
        assertEquals("invalid", settled.haStatusAsString());
        assertTrue(settled.processingStatus().contains("no IAM instance profile"), settled.processingStatus());
        assertEquals("full", settled.sqlServerLicenseUsageAsString());
        assertEquals(enabledAt.plusSeconds(5).toEpochMilli(), settled.lastUpdatedTime().toEpochMilli());
        assertEquals("db", settled.tags().stream().filter(t -> t.key().equals("Team")).findFirst().orElseThrow()
                .value());

        // Filters: tag:<key>, tag-key, haStatus, sqlServerLicenseUsage; an unknown name is refused.
        assertEquals(List.of(instance), ids(ec2.describeInstanceSqlHaStates(b -> b.filters(filter("tag:Team", "db"),
                filter("haStatus", "invalid"), filter("sqlServerLicenseUsage", "full"))).instances()));
        assertTrue(ec2.describeInstanceSqlHaStates(b -> b.instanceIds(instance).filters(filter("haStatus",
                "standby"))).instances().isEmpty());
        assertEquals(List.of(instance), ids(ec2.describeInstanceSqlHaStates(b -> b.instanceIds(instance)
                .filters(filter("tag-key", "Team"))).instances()));
        Ec2ApiTestBase.fails("InvalidParameterValue", 400, () -> ec2.describeInstanceSqlHaStates(b -> b.filters(
                filter("colour", "blue"))));
    }

    @Test
    void theMissingPrerequisiteDecidesTheMessage() {
        IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), "123456789012", "us-east-1");
        String profile = "sqlha-" + UUID.randomUUID().toString().substring(0, 8);
        iam.createInstanceProfile(b -> b.instanceProfileName(profile));
        String ami = image(ec2, "Windows with SQL Server Enterprise");
        String withProfile = ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(1).maxCount(1)
                .iamInstanceProfile(p -> p.name(profile))).instances().get(0).instanceId();
        String stopped = launch(ec2, "Windows with SQL Server Enterprise");
        advance(Duration.ofSeconds(10));
        ec2.stopInstances(b -> b.instanceIds(stopped));
        advance(Duration.ofSeconds(10));
        ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(withProfile, stopped));
        advance(Duration.ofSeconds(10));
        assertTrue(state(withProfile).processingStatus().contains("SSM Agent is not online"),
                state(withProfile).processingStatus());
        assertTrue(state(stopped).processingStatus().contains("not running"), state(stopped).processingStatus());
        assertEquals("invalid", state(stopped).haStatusAsString());
    }

    @Test
    void disablingEndsTheDetectionAndHistoryKeepsItsStates() {
        String instance = launch(ec2, "Windows with SQL Server Standard");
        Instant first = ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(instance)).instances().get(0)
                .lastUpdatedTime();
        advance(Duration.ofSeconds(10));
        RegisteredInstance disabled = ec2.disableInstanceSqlHaStandbyDetections(b -> b.instanceIds(instance))
                .instances().get(0);
        assertEquals(instance, disabled.instanceId());
        assertEquals("invalid", disabled.haStatusAsString());
        assertNull(state(instance), "a disabled instance is no longer described");
        Ec2ApiTestBase.fails("InvalidParameterValue", 400, () -> ec2.disableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(instance)));

        advance(Duration.ofSeconds(60));
        Instant second = ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(instance)).instances().get(0)
                .lastUpdatedTime();
        var history = ec2.describeInstanceSqlHaHistoryStates(b -> b.instanceIds(instance)).instances();
        assertEquals(List.of("processing", "invalid", "processing"), history.stream()
                .map(RegisteredInstance::haStatusAsString).toList());
        assertEquals(first.toEpochMilli(), history.get(0).lastUpdatedTime().toEpochMilli());
        assertEquals(second.toEpochMilli(), history.get(2).lastUpdatedTime().toEpochMilli());

        // StartTime and EndTime bound the states' times; haStatus filters them.
        assertEquals(List.of("processing"), ec2.describeInstanceSqlHaHistoryStates(b -> b.instanceIds(instance)
                .startTime(second)).instances().stream().map(RegisteredInstance::haStatusAsString).toList());
        assertEquals(List.of("processing", "invalid"), ec2.describeInstanceSqlHaHistoryStates(b -> b
                .instanceIds(instance).endTime(second.minusSeconds(1))).instances().stream()
                .map(RegisteredInstance::haStatusAsString).toList());
        assertEquals(1, ec2.describeInstanceSqlHaHistoryStates(b -> b.instanceIds(instance).filters(filter(
                "haStatus", "invalid"))).instances().size());
        Ec2ApiTestBase.fails("InvalidParameterValue", 400, () -> ec2.describeInstanceSqlHaHistoryStates(b -> b
                .startTime(second).endTime(first)));

        // One state a page.
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = ec2.describeInstanceSqlHaHistoryStates(b -> b.instanceIds(instance).maxResults(1).nextToken(t));
            assertEquals(1, page.instances().size());
            paged.add(page.instances().get(0).haStatusAsString());
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of("processing", "invalid", "processing"), paged);
    }

    @Test
    void statesComeInPages() {
        String a = launch(ec2, "Windows with SQL Server Standard");
        String b2 = launch(ec2, "Windows with SQL Server Standard");
        ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(a, b2));
        var first = ec2.describeInstanceSqlHaStates(b -> b.instanceIds(a, b2).maxResults(1));
        assertEquals(List.of(a), ids(first.instances()));
        var second = ec2.describeInstanceSqlHaStates(b -> b.instanceIds(a, b2).maxResults(1)
                .nextToken(first.nextToken()));
        assertEquals(List.of(b2), ids(second.instances()));
        assertNull(second.nextToken());
    }

    @Test
    void refusals() {
        String linux = ec2.runInstances(b -> b.imageId(InstancesIT.al2023(ec2, "x86_64")).instanceType("m5.large")
                .minCount(1).maxCount(1)).instances().get(0).instanceId();
        Ec2ApiTestBase.fails("UnsupportedOperation", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(linux)));
        String web = launch(ec2, "Windows with SQL Server Web");
        Ec2ApiTestBase.fails("UnsupportedOperation", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(web)));
        String windows = launch(ec2, "Windows");
        Ec2ApiTestBase.fails("UnsupportedOperation", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(windows)));
        Ec2ApiTestBase.fails("InvalidInstanceID.NotFound", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds("i-0123456789abcdef0")));
        Ec2ApiTestBase.fails("InvalidInstanceID.Malformed", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds("instance-1")));
        Ec2ApiTestBase.fails("InvalidInstanceID.NotFound", 400, () -> ec2.describeInstanceSqlHaStates(b -> b
                .instanceIds("i-0123456789abcdef0")));
        Ec2ApiTestBase.fails("InvalidInstanceID.NotFound", 400, () -> ec2.disableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds("i-0123456789abcdef0")));

        String sql = launch(ec2, "Windows with SQL Server Standard");
        String message = Ec2ApiTestBase.fails("InvalidParameterValue", 400, () -> ec2
                .enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(sql).sqlServerCredentials(
                        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:sql-AbCdEf")));
        assertTrue(message.contains("does not exist"), message);
        Ec2ApiTestBase.fails("DryRunOperation", 412, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(sql).dryRun(true)));
        assertNull(state(sql), "neither the refused nor the dry run enabled it");
        // Together with an instance that cannot be enabled, none is.
        Ec2ApiTestBase.fails("UnsupportedOperation", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(sql, linux)));
        assertNull(state(sql));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add(String.format("i-%017x", i));
        }
        AwsServiceException tooMany = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
                () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(many)));
        assertEquals(400, tooMany.statusCode());

        // A terminated instance leaves the states and cannot be enabled.
        ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(sql));
        ec2.terminateInstances(b -> b.instanceIds(sql));
        assertNull(state(sql));
        advance(Duration.ofSeconds(10));
        Ec2ApiTestBase.fails("IncorrectInstanceState", 400, () -> ec2.enableInstanceSqlHaStandbyDetections(b -> b
                .instanceIds(sql)));
    }

    private static List<String> ids(List<RegisteredInstance> instances) {
        return instances.stream().map(RegisteredInstance::instanceId).toList();
    }
}
