package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.organizations.OrganizationsService;
import io.gureum.s3.S3Service;
import io.gureum.vpc.VpcService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CapacityManagerDataExportResponse;
import software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataResponse;
import software.amazon.awssdk.services.ec2.model.MetricDataResult;
import software.amazon.awssdk.services.ec2.model.MetricValue;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** EC2 Capacity Manager through the SDK: enabling, tag keys, metrics on the clock, data exports into S3. */
class CapacityManagerIT {
    private static final String REGION = "ap-northeast-2";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new Ec2ComputeService(), new S3Service(), new OrganizationsService())
            .build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        InProcessWarmUp.ec2(gureum);
    }

    private static Ec2Client ec2(String account, String region) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, region);
    }

    private static S3Client s3(String account) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), account, REGION);
    }

    private static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    /** Moves the clock to the next hour boundary (plus {@code extra}) and answers that boundary. */
    private static Instant toNextHour(Duration extra) {
        Instant now = gureum.context().clock().now();
        Instant next = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        gureum.context().clock().advance(Duration.between(now, next).plus(extra));
        return next;
    }

    private static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    private static Map<String, Double> values(MetricDataResult r) {
        return r.metricValues().stream().collect(Collectors.toMap(MetricValue::metricAsString, MetricValue::value));
    }

    @Test
    void enablingTagKeysAndErrorsBeforeEnabling() {
        String account = "111111111111";
        try (Ec2Client ec2 = ec2(account, REGION); Ec2Client other = ec2(account, "us-east-1")) {
            var before = ec2.getCapacityManagerAttributes(b -> { });
            assertEquals("disabled", before.capacityManagerStatusAsString());
            assertEquals(0, before.dataExportCount());
            assertNull(before.ingestionStatus());
            List<Executable> needEnabled = List.of(() -> ec2.disableCapacityManager(b -> { }),
                    () -> ec2.getCapacityManagerMonitoredTagKeys(b -> { }),
                    () -> ec2.updateCapacityManagerMonitoredTagKeys(b -> b.activateTagKeys("team")),
                    () -> ec2.updateCapacityManagerOrganizationsAccess(b -> b.organizationsAccess(false)),
                    () -> ec2.createCapacityManagerDataExport(b -> b.s3BucketName("b").schedule("hourly")
                            .outputFormat("csv")),
                    () -> ec2.deleteCapacityManagerDataExport(b -> b.capacityManagerDataExportId(
                            "cmde-0123456789abcdef0")),
                    () -> ec2.describeCapacityManagerDataExports(b -> { }),
                    () -> ec2.getCapacityManagerMetricData(b -> b.metricNamesWithStrings("unreserved-total-usage-hrs-inst")
                            .startTime(Instant.parse("2026-01-01T00:00:00Z")).endTime(Instant.parse(
                                    "2026-01-01T01:00:00Z")).period(3600)),
                    () -> ec2.getCapacityManagerMetricDimensions(b -> b.groupByWithStrings("instance-type")
                            .metricNamesWithStrings("unreserved-total-usage-hrs-inst").startTime(Instant.parse(
                                    "2026-01-01T00:00:00Z")).endTime(Instant.parse("2026-01-01T01:00:00Z"))));
            for (Executable call : needEnabled) {
                fails("IncorrectState", 400, call);
            }
            fails("DryRunOperation", 412, () -> ec2.enableCapacityManager(b -> b.dryRun(true)));
            assertEquals("disabled", ec2.getCapacityManagerAttributes(b -> { }).capacityManagerStatusAsString());

            var enabled = ec2.enableCapacityManager(b -> { });
            assertEquals("enabled", enabled.capacityManagerStatusAsString());
            assertFalse(enabled.organizationsAccess());
            var attrs = ec2.getCapacityManagerAttributes(b -> { });
            assertEquals("initial-ingestion-in-progress", attrs.ingestionStatusAsString());
            assertNull(attrs.latestDatapointTimestamp());
            assertTrue(fails("IncorrectState", 400, () -> other.enableCapacityManager(b -> { })).contains(REGION));
            // Outside an organization, Organizations access is refused.
            fails("OperationNotPermitted", 400, () -> ec2.updateCapacityManagerOrganizationsAccess(b -> b
                    .organizationsAccess(true)));
            fails("OperationNotPermitted", 400, () -> ec2.enableCapacityManager(b -> b.organizationsAccess(true)));

            var activated = ec2.updateCapacityManagerMonitoredTagKeys(b -> b.activateTagKeys("team", "env"))
                    .capacityManagerTagKeys();
            assertEquals(List.of("team", "env"), activated.stream().map(k -> k.tagKey()).toList());
            assertEquals("activating", activated.get(0).statusAsString());
            fails("InvalidParameterCombination", 400, () -> ec2.updateCapacityManagerMonitoredTagKeys(b -> b
                    .activateTagKeys("x").deactivateTagKeys("x")));
            fails("MissingParameter", 400, () -> ec2.updateCapacityManagerMonitoredTagKeys(b -> { }));
            toNextHour(Duration.ofSeconds(1));
            var keys = ec2.getCapacityManagerMonitoredTagKeys(b -> { }).capacityManagerTagKeys();
            assertEquals("activated", keys.get(0).statusAsString());
            assertFalse(keys.get(0).capacityManagerProvided());
            assertNotNull(keys.get(0).earliestDatapointTimestamp());
            assertEquals("ingestion-complete", ec2.getCapacityManagerAttributes(b -> { }).ingestionStatusAsString());
            assertEquals("deactivating", ec2.updateCapacityManagerMonitoredTagKeys(b -> b.deactivateTagKeys("env"))
                    .capacityManagerTagKeys().get(0).statusAsString());
            assertEquals(1, ec2.getCapacityManagerMonitoredTagKeys(b -> b.maxResults(1)).capacityManagerTagKeys()
                    .size());
            advance(Duration.ofHours(1));
            assertEquals(List.of("team"), ec2.getCapacityManagerMonitoredTagKeys(b -> { }).capacityManagerTagKeys()
                    .stream().map(k -> k.tagKey()).toList());

            var disabled = ec2.disableCapacityManager(b -> { });
            assertEquals("disabled", disabled.capacityManagerStatusAsString());
            assertFalse(disabled.organizationsAccess());
            fails("IncorrectState", 400, () -> ec2.describeCapacityManagerDataExports(b -> { }));
            // Disabled here, it can be enabled in another Region.
            assertEquals("enabled", other.enableCapacityManager(b -> { }).capacityManagerStatusAsString());
            other.disableCapacityManager(b -> { });
        }
    }

    @Test
    void organizationsAccessForTheManagementAccount() {
        String account = "444444444444";
        try (Ec2Client ec2 = ec2(account, REGION); OrganizationsClient org = AwsClients.client(
                OrganizationsClient.builder(), gureum.endpoint(), account, "us-east-1")) {
            org.createOrganization(b -> b.featureSet("ALL"));
            assertTrue(ec2.enableCapacityManager(b -> b.organizationsAccess(true)).organizationsAccess());
            var off = ec2.updateCapacityManagerOrganizationsAccess(b -> b.organizationsAccess(false));
            assertEquals("enabled", off.capacityManagerStatusAsString());
            assertFalse(off.organizationsAccess());
            assertTrue(ec2.updateCapacityManagerOrganizationsAccess(b -> b.organizationsAccess(true))
                    .organizationsAccess());
            assertTrue(ec2.getCapacityManagerAttributes(b -> { }).organizationsAccess());
            ec2.disableCapacityManager(b -> { });
        }
    }

    @Test
    void metricsFromInstancesAndReservationsHourByHour() {
        String account = "222222222222";
        try (Ec2Client ec2 = ec2(account, REGION)) {
            String ami = InstancesIT.al2023(ec2, "x86_64");
            Instant h0 = toNextHour(Duration.ZERO);
            ec2.enableCapacityManager(b -> { });
            String cr = ec2.createCapacityReservation(b -> b.instanceType("m5.large").instancePlatform("Linux/UNIX")
                    .availabilityZone("ap-northeast-2a").instanceCount(2)).capacityReservation()
                    .capacityReservationId();
            List<String> ids = ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(3).maxCount(3)
                    .placement(p -> p.availabilityZone("ap-northeast-2a"))).instances().stream()
                    .map(i -> i.instanceId()).toList();
            ec2.runInstances(b -> b.imageId(ami).instanceType("c5.large").minCount(1).maxCount(1)
                    .instanceMarketOptions(m -> m.marketType("spot")));
            advance(Duration.ofMinutes(30));
            ec2.stopInstances(b -> b.instanceIds(ids.get(0)));
            advance(Duration.ofMinutes(30));

            var attrs = ec2.getCapacityManagerAttributes(b -> { });
            assertEquals("ingestion-complete", attrs.ingestionStatusAsString());
            assertEquals(h0, attrs.earliestDatapointTimestamp());
            assertEquals(h0, attrs.latestDatapointTimestamp());

            Function<java.util.function.Consumer<
                    software.amazon.awssdk.services.ec2.model.GetCapacityManagerMetricDataRequest.Builder>,
                    GetCapacityManagerMetricDataResponse> query = more -> ec2.getCapacityManagerMetricData(b -> {
                        b.startTime(h0).endTime(h0.plus(Duration.ofHours(1))).period(3600);
                        more.accept(b);
                    });
            var all = query.apply(b -> b.metricNamesWithStrings("reserved-total-usage-hrs-inst", "unreserved-total-usage-hrs-inst",
                    "spot-total-usage-hrs-inst", "reservation-total-capacity-hrs-inst",
                    "reservation-avg-utilization-inst", "reservation-unused-total-capacity-hrs-inst",
                    "reserved-total-usage-hrs-vcpu", "reservation-total-estimated-cost")).metricDataResults();
            assertEquals(1, all.size());
            assertEquals(h0, all.get(0).timestamp());
            Map<String, Double> v = values(all.get(0));
            assertEquals(1.5, v.get("reserved-total-usage-hrs-inst"), 0.01);
            assertEquals(3.0, v.get("reserved-total-usage-hrs-vcpu"), 0.02);
            assertEquals(1.0, v.get("unreserved-total-usage-hrs-inst"), 0.01);
            assertEquals(1.0, v.get("spot-total-usage-hrs-inst"), 0.01);
            assertEquals(2.0, v.get("reservation-total-capacity-hrs-inst"), 0.01);
            assertEquals(75.0, v.get("reservation-avg-utilization-inst"), 0.5);
            assertEquals(0.5, v.get("reservation-unused-total-capacity-hrs-inst"), 0.01);
            // No prices here: estimated costs are never answered.
            assertFalse(v.containsKey("reservation-total-estimated-cost"));

            var byType = query.apply(b -> b.metricNamesWithStrings("unreserved-total-usage-hrs-inst", "spot-total-count-inst",
                    "spot-total-interruptions-inst").groupByWithStrings("instance-type", "resource-region")).metricDataResults();
            Map<String, Map<String, Double>> perType = byType.stream().collect(Collectors.toMap(
                    r -> r.dimension().instanceType(), CapacityManagerIT::values, (a, b) -> {
                        Map<String, Double> m = new java.util.HashMap<>(a);
                        m.putAll(b);
                        return m;
                    }));
            assertEquals(1.0, perType.get("m5.large").get("unreserved-total-usage-hrs-inst"), 0.01);
            assertEquals(1.0, perType.get("c5.large").get("spot-total-count-inst"));
            assertEquals(0.0, perType.get("c5.large").get("spot-total-interruptions-inst"));
            assertEquals(REGION, byType.get(0).dimension().resourceRegion());
            assertNull(byType.get(0).dimension().accountId());

            var byReservation = query.apply(b -> b.metricNamesWithStrings("reservation-max-size-inst",
                    "reservation-min-unused-size-inst", "reservation-max-unused-size-inst", "reservation-total-count",
                    "reservation-max-utilization", "reservation-min-utilization").groupByWithStrings("reservation-id",
                            "reservation-state", "account-id")
                    .filterBy(f -> f.dimensionCondition(d -> d.dimension("reservation-id").comparison("equals")
                            .values(cr)))).metricDataResults();
            assertEquals(1, byReservation.size());
            assertEquals(cr, byReservation.get(0).dimension().reservationId());
            assertEquals("active", byReservation.get(0).dimension().reservationStateAsString());
            assertEquals(account, byReservation.get(0).dimension().accountId());
            Map<String, Double> r = values(byReservation.get(0));
            assertEquals(2.0, r.get("reservation-max-size-inst"));
            assertEquals(0.0, r.get("reservation-min-unused-size-inst"));
            // Empty for the moment between its creation and the launch, full until the stop, then half used.
            assertEquals(2.0, r.get("reservation-max-unused-size-inst"));
            assertEquals(1.0, r.get("reservation-total-count"));
            assertEquals(100.0, r.get("reservation-max-utilization"));
            assertEquals(0.0, r.get("reservation-min-utilization"));

            // An end beyond the latest data point is brought back to it.
            assertEquals(1, ec2.getCapacityManagerMetricData(b -> b.metricNamesWithStrings("unreserved-total-usage-hrs-inst")
                    .startTime(h0).endTime(h0.plus(Duration.ofHours(3))).period(3600)).metricDataResults().size());
            assertEquals(1, ec2.getCapacityManagerMetricData(b -> b.metricNamesWithStrings("unreserved-total-usage-hrs-inst")
                    .startTime(h0).endTime(h0.plus(Duration.ofHours(1))).period(3600).maxResults(1))
                    .metricDataResults().size());

            var dims = ec2.getCapacityManagerMetricDimensions(b -> b.groupByWithStrings("instance-type")
                    .metricNamesWithStrings("spot-total-usage-hrs-inst").startTime(h0).endTime(h0.plus(Duration.ofHours(1))))
                    .metricDimensionResults();
            assertEquals(List.of("c5.large"), dims.stream().map(d -> d.instanceType()).toList());
            assertEquals(List.of("m5.large"), ec2.getCapacityManagerMetricDimensions(b -> b.groupByWithStrings("instance-type")
                    .metricNamesWithStrings("reservation-total-count").startTime(h0).endTime(h0.plus(Duration.ofHours(1))))
                    .metricDimensionResults().stream().map(d -> d.instanceType()).toList());

            fails("InvalidParameterValue", 400, () -> query.apply(b -> b.metricNamesWithStrings("spot-total-usage-hrs-inst")
                    .period(1800)));
            fails("InvalidParameterValue", 400, () -> query.apply(b -> b.metricNamesWithStrings("spot-total-usage-hrs-inst")
                    .period(7200)));
            fails("InvalidParameterValue", 400, () -> query.apply(b -> b.metricNamesWithStrings("spot-total-usage-hrs-inst")
                    .startTime(h0.plus(Duration.ofHours(2)))));
            fails("InvalidParameterValue", 400, () -> query.apply(b -> b.metricNamesWithStrings("spot-total-usage-hrs-inst")
                    .groupByWithStrings("colour")));
            fails("InvalidParameterValue", 400, () -> query.apply(b -> b.metricNamesWithStrings("spot-total-usage-hrs-inst",
                    "spot-total-usage-hrs-vcpu", "spot-total-count-inst", "spot-total-count-vcpu",
                    "reservation-total-count", "reserved-total-usage-hrs-inst", "reserved-total-usage-hrs-vcpu",
                    "unreserved-total-usage-hrs-inst", "unreserved-total-usage-hrs-vcpu",
                    "reservation-max-size-inst", "reservation-min-size-inst")));
            fails("InvalidParameterValue", 400, () -> ec2.getCapacityManagerMetricDimensions(b -> b
                    .groupByWithStrings("instance-type").metricNamesWithStrings("spot-total-usage-hrs-inst", "spot-total-count-inst")
                    .startTime(h0).endTime(h0.plus(Duration.ofHours(1)))));
        }
    }

    @Test
    void dataExportsDeliverCsvFilesToS3EveryHour() throws Exception {
        String account = "333333333333";
        try (Ec2Client ec2 = ec2(account, REGION); S3Client s3 = s3(account)) {
            ec2.enableCapacityManager(b -> { });
            String bucket = "cm-exports-" + account;
            s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            String gone = "cm-gone-" + account;
            s3.createBucket(b -> b.bucket(gone).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            String ami = InstancesIT.al2023(ec2, "x86_64");
            ec2.runInstances(b -> b.imageId(ami).instanceType("r5.large").minCount(1).maxCount(1));

            assertTrue(fails("NotImplemented", 501, () -> ec2.createCapacityManagerDataExport(b -> b
                    .s3BucketName(bucket).schedule("hourly").outputFormat("parquet"))).contains("parquet"));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityManagerDataExport(b -> b
                    .s3BucketName("no-such-bucket-" + account).schedule("hourly").outputFormat("csv")));
            fails("InvalidParameterValue", 400, () -> ec2.createCapacityManagerDataExport(b -> b.s3BucketName(bucket)
                    .schedule("daily").outputFormat("csv")));
            String id = ec2.createCapacityManagerDataExport(b -> b.s3BucketName(bucket).s3BucketPrefix("cm/")
                    .schedule("hourly").outputFormat("csv").clientToken("export-1")
                    .tagSpecifications(t -> t.resourceType("capacity-manager-data-export").tags(x -> x.key("k")
                            .value("v")))).capacityManagerDataExportId();
            assertTrue(id.matches("cmde-[0-9a-f]{17}"), id);
            assertEquals(id, ec2.createCapacityManagerDataExport(b -> b.s3BucketName(bucket).schedule("hourly")
                    .outputFormat("csv").clientToken("export-1")).capacityManagerDataExportId());
            String failing = ec2.createCapacityManagerDataExport(b -> b.s3BucketName(gone).schedule("hourly")
                    .outputFormat("csv")).capacityManagerDataExportId();
            s3.deleteBucket(b -> b.bucket(gone));

            CapacityManagerDataExportResponse e = ec2.describeCapacityManagerDataExports(b -> b
                    .capacityManagerDataExportIds(id)).capacityManagerDataExports().get(0);
            assertEquals("pending", e.latestDeliveryStatusAsString());
            assertEquals("csv", e.outputFormatAsString());
            assertEquals("hourly", e.scheduleAsString());
            assertEquals("cm/", e.s3BucketPrefix());
            assertEquals("v", e.tags().get(0).value());
            assertEquals(2, ec2.getCapacityManagerAttributes(b -> { }).dataExportCount());
            assertEquals(List.of(id), ec2.describeCapacityManagerDataExports(b -> b.filters(f -> f
                    .name("s3-bucket-name").values(bucket))).capacityManagerDataExports().stream()
                    .map(x -> x.capacityManagerDataExportId()).toList());

            Instant hour = gureum.context().clock().now().truncatedTo(ChronoUnit.HOURS);
            toNextHour(Duration.ofSeconds(1));
            CapacityManagerDataExportResponse delivered = awaitStatus(ec2, id, "delivered");
            assertNotNull(delivered.latestDeliveryTime());
            String uri = delivered.latestDeliveryS3LocationUri();
            String prefix = "s3://" + bucket + "/cm/" + id + "/";
            assertTrue(uri.startsWith(prefix) && uri.endsWith(".csv"), uri);
            String key = uri.substring(("s3://" + bucket + "/").length());
            String csv = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
            String[] lines = csv.split("\r\n");
            assertTrue(lines[0].startsWith("timestamp,resource-region,availability-zone-id,account-id"), lines[0]);
            assertTrue(lines[0].contains("unreserved-total-usage-hrs-inst"), lines[0]);
            assertTrue(csv.contains(hour.toString() + "," + REGION) && csv.contains(",r5.large,"), csv);
            CapacityManagerDataExportResponse failed = awaitStatus(ec2, failing, "failed");
            assertTrue(failed.latestDeliveryStatusMessage().contains("NoSuchBucket"),
                    failed.latestDeliveryStatusMessage());

            assertEquals(id, ec2.deleteCapacityManagerDataExport(b -> b.capacityManagerDataExportId(id))
                    .capacityManagerDataExportId());
            fails("InvalidCapacityManagerDataExportId.NotFound", 400, () -> ec2.describeCapacityManagerDataExports(b -> b
                    .capacityManagerDataExportIds(id)));
            fails("InvalidCapacityManagerDataExportId.NotFound", 400, () -> ec2.deleteCapacityManagerDataExport(b -> b
                    .capacityManagerDataExportId(id)));
            fails("InvalidCapacityManagerDataExportId.Malformed", 400, () -> ec2.deleteCapacityManagerDataExport(b -> b
                    .capacityManagerDataExportId("export-1")));
            ec2.deleteCapacityManagerDataExport(b -> b.capacityManagerDataExportId(failing));
            ec2.disableCapacityManager(b -> { });
        }
    }

    /** Waits (delivery runs on the clock's timer thread) for an export's latest delivery status. */
    static CapacityManagerDataExportResponse awaitStatus(Ec2Client ec2, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        CapacityManagerDataExportResponse e;
        do {
            e = ec2.describeCapacityManagerDataExports(b -> b.capacityManagerDataExportIds(id))
                    .capacityManagerDataExports().get(0);
            if (status.equals(e.latestDeliveryStatusAsString())) {
                return e;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("export " + id + " is " + e.latestDeliveryStatusAsString() + ", not " + status);
    }
}
