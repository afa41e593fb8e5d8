package io.gureum.cloudformation.parameter;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The checks AWS-specific parameter types need, through in-process EC2 and SSM clients: whether a VPC,
 * subnet, security group … of the given id exists, and a Parameter Store value. A type whose API this
 * server does not serve, or whose describe operation is not bound, is not checked.
 */
public final class ServiceLookups {
    private ServiceLookups() {
    }

    public static ExistenceCheck existence(ServiceClients clients, Caller caller) {
        return (type, values) -> {
            if (!clients.serves(Ec2Client.class)) {
                return List.of();
            }
            Ec2Client ec2 = clients.client(Ec2Client.class, caller);
            Function<String, Boolean> exists = switch (type) {
                case "AWS::EC2::VPC::Id" -> v -> found(() -> ec2.describeVpcs(b -> b.vpcIds(v)).vpcs().size());
                case "AWS::EC2::Subnet::Id" -> v -> found(() -> ec2.describeSubnets(b -> b.subnetIds(v)).subnets().size());
                case "AWS::EC2::SecurityGroup::Id" -> v -> found(() -> ec2.describeSecurityGroups(b -> b.groupIds(v))
                        .securityGroups().size());
                case "AWS::EC2::SecurityGroup::GroupName" -> v -> found(() -> ec2.describeSecurityGroups(
                        b -> b.groupNames(v)).securityGroups().size());
                case "AWS::EC2::Instance::Id" -> v -> found(() -> ec2.describeInstances(b -> b.instanceIds(v))
                        .reservations().size());
                case "AWS::EC2::Volume::Id" -> v -> found(() -> ec2.describeVolumes(b -> b.volumeIds(v)).volumes().size());
                case "AWS::EC2::KeyPair::KeyName" -> v -> found(() -> ec2.describeKeyPairs(b -> b.keyNames(v))
                        .keyPairs().size());
                case "AWS::EC2::Image::Id" -> v -> found(() -> ec2.describeImages(b -> b.imageIds(v)).images().size());
                case "AWS::EC2::AvailabilityZone::Name" -> v -> found(() -> ec2.describeAvailabilityZones(
                        b -> b.zoneNames(v)).availabilityZones().size());
                default -> v -> true;
            };
            List<String> missing = new ArrayList<>();
            for (String v : values) {
                if (!exists.apply(v)) {
                    missing.add(v);
                }
            }
            return missing;
        };
    }

    /** True when found, false on a not-found or invalid-id error; true when the operation is not served. */
    private static boolean found(java.util.function.IntSupplier count) {
        try {
            return count.getAsInt() > 0;
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
            if (e.statusCode() == 501 || code.equals("NotImplemented")) {
                return true;
            }
            return false;
        }
    }

    public static SsmLookup ssm(ServiceClients clients, Caller caller) {
        return name -> {
            if (!clients.serves(SsmClient.class)) {
                return null;
            }
            try {
                return clients.client(SsmClient.class, caller).getParameter(b -> b.name(name)).parameter().value();
            } catch (ParameterNotFoundException e) {
                return null;
            } catch (AwsServiceException e) {
                return null;
            }
        };
    }
}
