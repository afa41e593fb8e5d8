package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** AWS::EC2::Host's drift read: what the template gave, a change made outside the stack, null once released. */
class HostDriftReadIT extends HandlerTestSupport {
    @Test
    void host() {
        Deployed host = create(new HostHandler(), "Host", props("{'AvailabilityZone':'us-east-1a',"
                + "'InstanceType':'m5.large','AutoPlacement':'on'}"));
        assertEquals(host.properties(), read(host), "no drift right after create");
        client(Ec2Client.class).modifyHosts(b -> b.hostIds(host.id()).autoPlacement("off"));
        assertEquals("off", read(host).get("AutoPlacement").asText());
        delete(host);
        assertNull(read(host), "a released host is gone");
    }
}
