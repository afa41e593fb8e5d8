package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.CapacityReservationFleet;
import software.amazon.awssdk.services.ec2.model.FleetCapacityReservation;

/**
 * AWS::EC2::CapacityReservationFleet and AWS::EC2::VPCEncryptionControl deployed by CreateStack, changed in place and
 * (the fleet) by replacement with UpdateStack, removed by DeleteStack, each read back through EC2.
 */
class Ec2CapacityAndEncryptionTypesIT extends EndToEndSupport {
    private static final String FLEET_TEMPLATE = """
            Parameters:
              Target: {Type: Number}
              Priority: {Type: Number}
            Resources:
              Fleet:
                Type: AWS::EC2::CapacityReservationFleet
                Properties:
                  TotalTargetCapacity: !Ref Target
                  AllocationStrategy: prioritized
                  InstanceMatchCriteria: open
                  Tenancy: default
                  InstanceTypeSpecifications:
                    - InstanceType: m5.xlarge
                      InstancePlatform: Linux/UNIX
                      Weight: 4
                      Priority: !Ref Priority
                      AvailabilityZone: !Select [0, !GetAZs '']
                    - InstanceType: m5.large
                      InstancePlatform: Linux/UNIX
                      Weight: 2
                      Priority: 2
                      AvailabilityZone: !Select [0, !GetAZs '']
                  TagSpecifications:
                    - ResourceType: capacity-reservation-fleet
                      Tags: [{Key: team, Value: course}]
            Outputs:
              FleetRef: {Value: !Ref Fleet}
              FleetId: {Value: !GetAtt Fleet.CapacityReservationFleetId}
            """;

    private static List<Parameter> parameters(String... keyValues) {
        List<Parameter> out = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.add(Parameter.builder().parameterKey(keyValues[i]).parameterValue(keyValues[i + 1]).build());
        }
        return out;
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static CapacityReservationFleet fleet(String id) {
        return ec2.describeCapacityReservationFleets(b -> b.capacityReservationFleetIds(id)).capacityReservationFleets()
                .get(0);
    }

    private static int count(CapacityReservationFleet f, String type) {
        return f.instanceTypeSpecifications().stream().filter(x -> x.instanceTypeAsString().equals(type))
                .mapToInt(FleetCapacityReservation::totalInstanceCount).sum();
    }

    @Test
    void capacityReservationFleetIsCreatedUpdatedReplacedAndDeleted() {
        String name = unique("crfleet");
        cfn.createStack(b -> b.stackName(name).templateBody(FLEET_TEMPLATE).parameters(parameters("Target", "8",
                "Priority", "1")));
        Stack created = settled(name, "CREATE_COMPLETE");
        String id = output(created, "FleetRef");
        assertTrue(id.startsWith("crf-"), id);
        assertEquals(id, output(created, "FleetId"));
        CapacityReservationFleet f = fleet(id);
        assertEquals("active", f.stateAsString());
        assertEquals(8.0, f.totalFulfilledCapacity());
        assertEquals(2, count(f, "m5.xlarge"));
        assertTrue(f.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("course")));
        assertTrue(f.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:stack-name")
                && t.value().equals(name)));

        // In place: the target (ModifyCapacityReservationFleet): 2 × m5.xlarge and 1 × m5.large.
        cfn.updateStack(b -> b.stackName(name).templateBody(FLEET_TEMPLATE).parameters(parameters("Target", "10",
                "Priority", "1")));
        Stack updated = settled(name, "UPDATE_COMPLETE");
        assertEquals(id, output(updated, "FleetRef"));
        f = fleet(id);
        assertEquals("active", f.stateAsString());
        assertEquals(10, f.totalTargetCapacity());
        assertEquals(1, count(f, "m5.large"));

        // Replacement: the instance type specifications are create-only; m5.large comes first now.
        cfn.updateStack(b -> b.stackName(name).templateBody(FLEET_TEMPLATE).parameters(parameters("Target", "10",
                "Priority", "3")));
        Stack replaced = settled(name, "UPDATE_COMPLETE");
        String newId = output(replaced, "FleetRef");
        assertNotEquals(id, newId);
        assertEquals(5, count(fleet(newId), "m5.large"));
        assertEquals("cancelled", fleet(id).stateAsString());

        cfn.deleteStack(b -> b.stackName(name));
        settled(created.stackId(), "DELETE_COMPLETE");
        assertEquals("cancelled", fleet(newId).stateAsString());
        assertTrue(ec2.describeCapacityReservations(b -> b.filters(x -> x.name("state").values("active")))
                .capacityReservations().stream().noneMatch(c -> newId.equals(c.capacityReservationFleetId())));
    }

    private static final String ENCRYPTION_TEMPLATE = """
            Parameters:
              Mode: {Type: String}
              Exclusion: {Type: String}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.80.0.0/16}
              Gateway:
                Type: AWS::EC2::InternetGateway
              Attachment:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
              Control:
                Type: AWS::EC2::VPCEncryptionControl
                DependsOn: Attachment
                Properties:
                  VpcId: !Ref Vpc
                  Mode: !Ref Mode
                  InternetGatewayExclusionInput: !Ref Exclusion
                  Tags: [{Key: team, Value: course}]
            Outputs:
              ControlRef: {Value: !Ref Control}
              ControlId: {Value: !GetAtt Control.VpcEncryptionControlId}
              ControlState: {Value: !GetAtt Control.State}
              ControlIgwExclusion: {Value: !GetAtt Control.ResourceExclusions.InternetGateway.State}
            """;

    @Test
    void vpcEncryptionControlIsEnforcedRelaxedAndDeleted() {
        String name = unique("vpcec");
        cfn.createStack(b -> b.stackName(name).templateBody(ENCRYPTION_TEMPLATE).parameters(parameters("Mode",
                "enforce", "Exclusion", "enable")));
        Stack created = settled(name, "CREATE_COMPLETE");
        String id = output(created, "ControlRef");
        assertTrue(id.startsWith("vpcec-"), id);
        assertEquals(id, output(created, "ControlId"));
        assertEquals("available", output(created, "ControlState"));
        var c = ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id)).vpcEncryptionControls().get(0);
        assertEquals("enforce", c.modeAsString());
        assertEquals("enabled", c.resourceExclusions().internetGateway().stateAsString());
        assertEquals("enabled", output(created, "ControlIgwExclusion"));
        assertTrue(c.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("course")));

        // In place: back to monitor, the exclusion disabled.
        cfn.updateStack(b -> b.stackName(name).templateBody(ENCRYPTION_TEMPLATE).parameters(parameters("Mode",
                "monitor", "Exclusion", "disable")));
        Stack updated = settled(name, "UPDATE_COMPLETE");
        assertEquals(id, output(updated, "ControlRef"));
        c = ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id)).vpcEncryptionControls().get(0);
        assertEquals("monitor", c.modeAsString());
        assertEquals("disabled", c.resourceExclusions().internetGateway().stateAsString());

        // Enforcing with the gateway not excluded fails the update, which rolls back to monitor mode.
        cfn.updateStack(b -> b.stackName(name).templateBody(ENCRYPTION_TEMPLATE).parameters(parameters("Mode",
                "enforce", "Exclusion", "disable")));
        settled(name, "UPDATE_ROLLBACK_COMPLETE");
        assertEquals("monitor", ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id))
                .vpcEncryptionControls().get(0).modeAsString());

        cfn.deleteStack(b -> b.stackName(name));
        settled(created.stackId(), "DELETE_COMPLETE");
        assertEquals("deleted", ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id))
                .vpcEncryptionControls().get(0).stateAsString());
    }
}
