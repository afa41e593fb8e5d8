package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Host;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * AWS::EC2::Host, AWS::EC2::EC2Fleet and AWS::EC2::SpotFleet deployed by CreateStack, changed in place and by
 * replacement with UpdateStack, removed by DeleteStack, each read back through EC2.
 */
class Ec2FleetAndHostTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Image: {Type: String}
              Count: {Type: Number}
              AutoPlacement: {Type: String}
              HostType: {Type: String}
            Resources:
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData: {ImageId: !Ref Image, InstanceType: t3.micro}
              Host:
                Type: AWS::EC2::Host
                Properties:
                  AvailabilityZone: !Select [0, !GetAZs '']
                  InstanceType: !Ref HostType
                  AutoPlacement: !Ref AutoPlacement
                  Tags: [{Key: team, Value: course}]
              Fleet:
                Type: AWS::EC2::EC2Fleet
                Properties:
                  Type: maintain
                  LaunchTemplateConfigs:
                    - LaunchTemplateSpecification:
                        LaunchTemplateId: !Ref Template
                        Version: !GetAtt Template.LatestVersionNumber
                      Overrides: [{InstanceType: m5.large}, {InstanceType: c5.large}]
                  OnDemandOptions: {AllocationStrategy: lowest-price}
                  TargetCapacitySpecification: {TotalTargetCapacity: !Ref Count, DefaultTargetCapacityType: on-demand}
                  TagSpecifications:
                    - ResourceType: fleet
                      Tags: [{Key: team, Value: course}]
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: spotfleet.amazonaws.com}
                        Action: sts:AssumeRole
              Spot:
                Type: AWS::EC2::SpotFleet
                Properties:
                  SpotFleetRequestConfigData:
                    IamFleetRole: !GetAtt Role.Arn
                    TargetCapacity: !Ref Count
                    AllocationStrategy: diversified
                    LaunchSpecifications:
                      - {ImageId: !Ref Image, InstanceType: m5.large}
                      - {ImageId: !Ref Image, InstanceType: r5.large}
            Outputs:
              HostRef: {Value: !Ref Host}
              HostId: {Value: !GetAtt Host.HostId}
              FleetRef: {Value: !Ref Fleet}
              FleetId: {Value: !GetAtt Fleet.FleetId}
              SpotRef: {Value: !Ref Spot}
              SpotId: {Value: !GetAtt Spot.Id}
            """;

    private static List<Parameter> parameters(String image, int count, String auto, String hostType) {
        return List.of(p("Image", image), p("Count", String.valueOf(count)), p("AutoPlacement", auto),
                p("HostType", hostType));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static Host host(String id) {
        return ec2.describeHosts(b -> b.hostIds(id)).hosts().get(0);
    }

    private static List<String> fleetInstances(String id) {
        return ec2.describeFleetInstances(b -> b.fleetId(id)).activeInstances().stream().map(a -> a.instanceId())
                .toList();
    }

    private static List<String> spotInstances(String id) {
        return ec2.describeSpotFleetInstances(b -> b.spotFleetRequestId(id)).activeInstances().stream()
                .map(a -> a.instanceId()).toList();
    }

    private static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    @Test
    void hostsFleetsAndSpotFleetsAreCreatedUpdatedReplacedAndDeleted() {
        String image = ec2.describeImages(b -> b.owners("amazon").filters(Filter.builder().name("name")
                .values("al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").build())).images().get(0).imageId();
        String name = unique("fleets");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(
                software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM)
                .parameters(parameters(image, 1, "on", "m5.large")));
        Stack created = settled(name, "CREATE_COMPLETE");

        String hostId = output(created, "HostRef");
        assertTrue(hostId.startsWith("h-"), hostId);
        assertEquals(hostId, output(created, "HostId"));
        Host h = host(hostId);
        assertEquals("available", h.stateAsString());
        assertEquals("on", h.autoPlacementAsString());
        assertEquals("m5.large", h.hostProperties().instanceType());
        assertEquals("course", tag(h.tags(), "team"));
        assertEquals(name, tag(h.tags(), "aws:cloudformation:stack-name"));

        String fleetId = output(created, "FleetRef");
        assertTrue(fleetId.startsWith("fleet-"), fleetId);
        assertEquals(fleetId, output(created, "FleetId"));
        var fleet = ec2.describeFleets(b -> b.fleetIds(fleetId)).fleets().get(0);
        assertEquals("active", fleet.fleetStateAsString());
        assertEquals("course", tag(fleet.tags(), "team"));
        List<String> fleetBefore = fleetInstances(fleetId);
        assertEquals(1, fleetBefore.size());
        // On-Demand lowest price: c5.large is the cheaper override.
        assertEquals("c5.large", ec2.describeInstances(b -> b.instanceIds(fleetBefore.get(0))).reservations().get(0)
                .instances().get(0).instanceTypeAsString());

        String spotId = output(created, "SpotRef");
        assertTrue(spotId.startsWith("sfr-"), spotId);
        assertEquals(spotId, output(created, "SpotId"));
        assertEquals(1, spotInstances(spotId).size());

        // In place: the count and auto-placement.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(
                software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM)
                .parameters(parameters(image, 2, "off", "m5.large")));
        Stack updated = settled(name, "UPDATE_COMPLETE");
        assertEquals(hostId, output(updated, "HostRef"));
        assertEquals("off", host(hostId).autoPlacementAsString());
        assertEquals(fleetId, output(updated, "FleetRef"));
        assertEquals(2, fleetInstances(fleetId).size());
        assertEquals(2, ec2.describeFleets(b -> b.fleetIds(fleetId)).fleets().get(0).targetCapacitySpecification()
                .totalTargetCapacity());
        assertEquals(spotId, output(updated, "SpotRef"));
        List<String> spotNow = spotInstances(spotId);
        assertEquals(2, spotNow.size());
        // Diversified: one of each launch specification.
        assertEquals(java.util.Set.of("m5.large", "r5.large"), ec2.describeInstances(b -> b.instanceIds(spotNow))
                .reservations().stream().flatMap(x -> x.instances().stream()).map(i -> i.instanceTypeAsString())
                .collect(Collectors.toSet()));

        // Replacement: the host's instance type is create-only.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(
                software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM)
                .parameters(parameters(image, 2, "off", "c5.large")));
        Stack replaced = settled(name, "UPDATE_COMPLETE");
        String newHost = output(replaced, "HostRef");
        assertNotEquals(hostId, newHost);
        assertEquals("c5.large", host(newHost).hostProperties().instanceType());
        assertEquals("released", host(hostId).stateAsString());

        List<String> fleetLast = fleetInstances(fleetId);
        cfn.deleteStack(b -> b.stackName(name));
        settled(created.stackId(), "DELETE_COMPLETE");
        assertEquals("released", host(newHost).stateAsString());
        assertEquals("deleted", ec2.describeFleets(b -> b.fleetIds(fleetId)).fleets().get(0).fleetStateAsString());
        assertEquals("cancelled", ec2.describeSpotFleetRequests(b -> b.spotFleetRequestIds(spotId))
                .spotFleetRequestConfigs().get(0).spotFleetRequestStateAsString());
        assertTrue(ec2.describeInstances(b -> b.instanceIds(fleetLast)).reservations().stream()
                .flatMap(x -> x.instances().stream()).allMatch(i -> List.of("shutting-down", "terminated")
                        .contains(i.state().nameAsString())));
    }
}
