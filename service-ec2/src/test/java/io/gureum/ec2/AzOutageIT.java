package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * An Availability Zone outage ({@code /_gureum/faults/az-outage}) as the course's multi-AZ designs rehearse
 * it: the zone reports impaired, launches and starts into it fail with {@code InsufficientInstanceCapacity},
 * its instances stop with the scheduled-event and status-check signals, its NAT gateway fails and routes
 * through it turn {@code blackhole}; the other zone carries on, and lifting the outage recovers.
 */
class AzOutageIT extends Ec2ApiTestBase {
    private static final String ZONE = "ap-northeast-2a";

    @AfterEach
    void lift() throws Exception {
        outage("DELETE", null);
    }

    private static HttpResponse<String> outage(String method, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gureum.endpoint()
                + "/_gureum/faults/az-outage")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String zoneState(Ec2Client ec2, String zone) {
        return ec2.describeAvailabilityZones(b -> b.zoneNames(zone)).availabilityZones().get(0).stateAsString();
    }

    private static Instance launch(Ec2Client ec2, String image, String zone) {
        return ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .placement(p -> p.availabilityZone(zone))).instances().get(0);
    }

    @Test
    void anOutageStopsTheZonesInstancesRefusesLaunchesFailsItsNatGatewayAndLiftingItRecovers() throws Exception {
        Ec2Client ec2 = ec2();
        String image = InstancesIT.al2023(ec2, "x86_64");
        Instance inA = launch(ec2, image, ZONE);
        Instance inB = launch(ec2, image, "ap-northeast-2b");
        String vpc = inA.vpcId();
        String allocation = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
        String nat = ec2.createNatGateway(b -> b.subnetId(inA.subnetId()).allocationId(allocation)).natGateway()
                .natGatewayId();
        String table = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(b -> b.routeTableId(table).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        gureum.context().clock().advance(Duration.ofMinutes(2));
        assertEquals("available", ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                .stateAsString());

        HttpResponse<String> started = outage("POST", "{\"zone\": \"" + ZONE + "\"}");
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().contains("\"state\":\"impaired\""), started.body());

        assertEquals("impaired", zoneState(ec2, ZONE));
        assertEquals("available", zoneState(ec2, "ap-northeast-2b"));
        assertEquals(ZONE, ec2.describeAvailabilityZones(b -> b.filters(Filter.builder().name("state")
                .values("impaired").build())).availabilityZones().get(0).zoneName());
        String refused = fails("InsufficientInstanceCapacity", 500, () -> launch(ec2, image, ZONE));
        assertTrue(refused.contains("(" + ZONE + ")") && refused.contains("ap-northeast-2b"), refused);
        launch(ec2, image, "ap-northeast-2c"); // other zones still launch

        Instance stopped = InstancesIT.describe(ec2, inA.instanceId());
        assertTrue(stopped.state().nameAsString().equals("stopping") || stopped.state().nameAsString()
                .equals("stopped"), stopped.state().toString());
        assertEquals("Server.ScheduledStop", stopped.stateReason().code());
        assertEquals("running", InstancesIT.describe(ec2, inB.instanceId()).state().nameAsString());
        InstanceStatus status = ec2.describeInstanceStatus(b -> b.instanceIds(inA.instanceId())
                .includeAllInstances(true)).instanceStatuses().get(0);
        assertEquals("impaired", status.systemStatus().statusAsString());
        assertEquals("failed", status.systemStatus().details().get(0).statusAsString());
        assertEquals("instance-stop", status.events().get(0).codeAsString());

        var failedNat = ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0);
        assertEquals("failed", failedNat.stateAsString());
        RouteTable routes = ec2.describeRouteTables(b -> b.routeTableIds(table)).routeTables().get(0);
        assertEquals("blackhole", routes.routes().stream().filter(r -> nat.equals(r.natGatewayId())).findFirst()
                .orElseThrow().stateAsString());
        gureum.context().clock().advance(Duration.ofMinutes(2));
        fails("InsufficientInstanceCapacity", 500, () -> ec2.startInstances(b -> b.instanceIds(inA.instanceId())));

        HttpResponse<String> lifted = outage("DELETE", null);
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertEquals("available", zoneState(ec2, ZONE));
        assertEquals("available", ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                .stateAsString());
        assertEquals("active", ec2.describeRouteTables(b -> b.routeTableIds(table)).routeTables().get(0).routes()
                .stream().filter(r -> nat.equals(r.natGatewayId())).findFirst().orElseThrow().stateAsString());
        assertEquals("stopped", InstancesIT.describe(ec2, inA.instanceId()).state().nameAsString(),
                "a stopped instance stays stopped until started, as on AWS");
        ec2.startInstances(b -> b.instanceIds(inA.instanceId()));
        launch(ec2, image, ZONE);
    }

    @Test
    void unknownZonesAndBadBodiesAreRefused() throws Exception {
        assertEquals(400, outage("POST", "{\"zone\": \"mars-1a\"}").statusCode());
        assertEquals(400, outage("POST", "{}").statusCode());
        assertEquals(400, outage("POST", "{\"zone\": \"" + ZONE + "\", \"state\": \"on-fire\"}").statusCode());
        HttpResponse<String> none = outage("GET", null);
        assertEquals(200, none.statusCode());
        assertEquals("{\"zones\":[]}", none.body());
    }
}
