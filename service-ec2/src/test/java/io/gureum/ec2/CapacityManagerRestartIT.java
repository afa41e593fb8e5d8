package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.s3.S3Service;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/** Capacity Manager's settings, usage history and data exports, and instances in reservations, after a restart. */
class CapacityManagerRestartIT {
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start() {
        Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new VpcService(), new Ec2ComputeService(), new S3Service()));
        InProcessWarmUp.ec2(g);
        return g;
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", REGION);
    }

    private static void toNextHour(Gureum g) {
        Instant now = g.context().clock().now();
        g.context().clock().advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)))
                .plusSeconds(1));
    }

    private static double reserved(Ec2Client ec2, Instant hour) {
        return ec2.getCapacityManagerMetricData(b -> b.metricNamesWithStrings("reserved-total-usage-hrs-inst")
                .startTime(hour).endTime(hour.plus(Duration.ofHours(1))).period(3600)).metricDataResults().get(0)
                .metricValues().get(0).value();
    }

    @Test
    void settingsUsageAndExportsSurviveARestart() throws Exception {
        Instant hour;
        Instant earliest;
        String export;
        String cr;
        String firstFile;
        double used;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g); S3Client s3 = AwsClients.client(S3Client.builder()
                .forcePathStyle(true), g.endpoint(), "123456789012", REGION)) {
            ec2.enableCapacityManager(b -> { });
            ec2.updateCapacityManagerMonitoredTagKeys(b -> b.activateTagKeys("team"));
            s3.createBucket(b -> b.bucket("cm-restart").createBucketConfiguration(c -> c.locationConstraint(REGION)));
            export = ec2.createCapacityManagerDataExport(b -> b.s3BucketName("cm-restart").schedule("hourly")
                    .outputFormat("csv").clientToken("restart")).capacityManagerDataExportId();
            cr = ec2.createCapacityReservation(b -> b.instanceType("m5.large").instancePlatform("Linux/UNIX")
                    .availabilityZone("ap-northeast-2a").instanceCount(1)).capacityReservation().capacityReservationId();
            String ami = InstancesIT.al2023(ec2, "x86_64");
            String crId = cr;
            assertEquals(cr, ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone("ap-northeast-2a"))).instances().get(0).capacityReservationId());
            hour = g.context().clock().now().truncatedTo(ChronoUnit.HOURS);
            toNextHour(g);
            firstFile = CapacityManagerIT.awaitStatus(ec2, export, "delivered").latestDeliveryS3LocationUri();
            earliest = ec2.getCapacityManagerAttributes(b -> { }).earliestDatapointTimestamp();
            used = reserved(ec2, hour);
            assertTrue(used > 0, String.valueOf(used));
            assertEquals(0, ec2.describeCapacityReservations(b -> b.capacityReservationIds(crId)).capacityReservations()
                    .get(0).availableInstanceCount());
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            var attrs = ec2.getCapacityManagerAttributes(b -> { });
            assertEquals("enabled", attrs.capacityManagerStatusAsString());
            assertEquals(earliest, attrs.earliestDatapointTimestamp());
            assertEquals(1, attrs.dataExportCount());
            assertEquals(List.of("team"), ec2.getCapacityManagerMonitoredTagKeys(b -> { }).capacityManagerTagKeys()
                    .stream().map(k -> k.tagKey()).toList());
            assertEquals(used, reserved(ec2, hour), 1e-9);
            String crId = cr;
            assertEquals(0, ec2.describeCapacityReservations(b -> b.capacityReservationIds(crId)).capacityReservations()
                    .get(0).availableInstanceCount());
            var e = ec2.describeCapacityManagerDataExports(b -> b.capacityManagerDataExportIds(export))
                    .capacityManagerDataExports().get(0);
            assertEquals("delivered", e.latestDeliveryStatusAsString());
            assertEquals(firstFile, e.latestDeliveryS3LocationUri());
            assertEquals(export, ec2.createCapacityManagerDataExport(b -> b.s3BucketName("cm-restart")
                    .schedule("hourly").outputFormat("csv").clientToken("restart")).capacityManagerDataExportId());
            // Its timer was armed again: the next hour is delivered too.
            toNextHour(g);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String latest = firstFile;
            while (latest.equals(firstFile) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                latest = ec2.describeCapacityManagerDataExports(b -> b.capacityManagerDataExportIds(export))
                        .capacityManagerDataExports().get(0).latestDeliveryS3LocationUri();
            }
            assertNotEquals(firstFile, latest);
            assertEquals(1.0, reserved(ec2, hour.plus(Duration.ofHours(1))), 0.01);
        }
    }
}
