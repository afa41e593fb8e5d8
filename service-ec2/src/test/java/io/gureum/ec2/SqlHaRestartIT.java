package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;

/** SQL Server HA standby detections across a restart on the same --data-dir: states, history, the clock's course. */
class SqlHaRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new VpcService(), new Ec2ComputeService()));
        InProcessWarmUp.ec2(g);
        return g;
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", "ap-northeast-2");
    }

    private static List<String> history(Ec2Client ec2, String id) {
        return ec2.describeInstanceSqlHaHistoryStates(b -> b.instanceIds(id)).instances().stream()
                .map(i -> i.haStatusAsString() + "@" + i.lastUpdatedTime()).toList();
    }

    @Test
    void detectionsSurviveAndGoOnSettling() {
        String disabled;
        String processing;
        List<String> disabledHistory;
        RegisteredInstance before;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            disabled = SqlHaStandbyDetectionsIT.launch(ec2, "Windows with SQL Server Standard");
            processing = SqlHaStandbyDetectionsIT.launch(ec2, "Windows with SQL Server Enterprise");
            ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(disabled));
            g.context().clock().advance(Duration.ofSeconds(10));
            ec2.disableInstanceSqlHaStandbyDetections(b -> b.instanceIds(disabled));
            before = ec2.enableInstanceSqlHaStandbyDetections(b -> b.instanceIds(processing)).instances().get(0);
            disabledHistory = history(ec2, disabled);
            assertEquals(2, disabledHistory.size());
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertEquals(disabledHistory, history(ec2, disabled));
            assertEquals(List.of(processing), ec2.describeInstanceSqlHaStates(b -> b.build()).instances().stream()
                    .map(RegisteredInstance::instanceId).toList());
            g.context().clock().advance(Duration.ofSeconds(10));
            RegisteredInstance settled = ec2.describeInstanceSqlHaStates(b -> b.instanceIds(processing)).instances()
                    .get(0);
            assertEquals("invalid", settled.haStatusAsString());
            assertEquals(before.lastUpdatedTime().plusSeconds(5), settled.lastUpdatedTime());
        }
    }
}
