package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceMonitoring;

/** EC2 publishes AWS/EC2 metrics for running instances on the clock, every minute with detailed monitoring. */
class InstanceMetricsIT extends Ec2ApiTestBase {
    private static final String NS = "AWS/EC2";

    @Test
    void basicThenDetailedMonitoring() {
        Ec2Client ec2 = ec2();
        String ami = InstancesIT.al2023(ec2, "x86_64");
        String id = ec2.runInstances(b -> b.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        Map<String, String> instance = Map.of("InstanceId", id);
        InstancesIT.advance(Duration.ofSeconds(30));
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            InstancesIT.advance(Duration.ofMinutes(1));
            ServiceMetric cpu = metrics.await(NS, "CPUUtilization", instance, 1).get(0);
            assertEquals("Percent", cpu.unit());
            assertTrue(cpu.value() > 0 && cpu.value() < 20, "plausible idle load: " + cpu.value());
            assertEquals("Bytes", metrics.await(NS, "NetworkIn", instance, 1).get(0).unit());
            assertTrue(metrics.await(NS, "NetworkOut", instance, 1).get(0).value() > 0);
            assertEquals(0, metrics.await(NS, "StatusCheckFailed", instance, 1).get(0).value());

            List<InstanceMonitoring> on = ec2.monitorInstances(b -> b.instanceIds(id)).instanceMonitorings();
            assertEquals("pending", on.get(0).monitoring().stateAsString());
            assertEquals("enabled", InstancesIT.describe(ec2, id).monitoring().stateAsString());
            InstancesIT.advance(Duration.ofMinutes(1));
            assertEquals(2, metrics.await(NS, "CPUUtilization", instance, 2).size(), "every minute when detailed");
            assertEquals("disabling", ec2.unmonitorInstances(b -> b.instanceIds(id)).instanceMonitorings().get(0)
                    .monitoring().stateAsString());
            Ec2ApiTestBase.fails("InvalidInstanceID.NotFound", 400,
                    () -> ec2.monitorInstances(b -> b.instanceIds("i-0123456789abcdef0")));
        }
    }
}
