package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** On a server without SNS, a route server's SNS notifications are refused as not emulated, never faked. */
class RouteServersWithoutSnsIT extends Ec2TestBase {

    @Test
    void snsNotificationsNeedSns() {
        try (Ec2Client ec2 = ec2()) {
            String message = fails("NotImplemented", 501, () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L)
                    .snsNotificationsEnabled(true)));
            assertTrue(message.contains("SNS"), message);
            assertTrue(ec2.describeRouteServers(b -> { }).routeServers().isEmpty());
            String id = ec2.createRouteServer(b -> b.amazonSideAsn(65000L)).routeServer().routeServerId();
            advanceClock(java.time.Duration.ofSeconds(3));
            fails("NotImplemented", 501, () -> ec2.modifyRouteServer(b -> b.routeServerId(id)
                    .snsNotificationsEnabled(true)));
            assertFalse(ec2.describeRouteServers(b -> b.routeServerIds(id)).routeServers().get(0)
                    .snsNotificationsEnabled());
        }
    }
}
