package io.gureum.cloudformation;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.RegisteredResource;
import java.util.Map;
import java.util.function.Function;

/**
 * What a resource scan makes of core's record of a resource: its CloudFormation type and primary identifier
 * (the {@code primaryIdentifier} of the type's schema: a queue's {@code QueueUrl}, a bucket's
 * {@code BucketName}), from the registry's type ({@code sqs}, {@code ec2:vpc}) and ARN. Resources of other
 * registry types (EIPs, key pairs: identified by something their ARN does not carry) are not scanned.
 */
final class ScanTypes {
    /** A type and how to read its one identifier out of the registered resource. */
    record Mapping(String type, String key, Function<RegisteredResource, String> value) {
    }

    private static final Function<RegisteredResource, String> ID = r -> r.arn().resourceId();
    private static final Function<RegisteredResource, String> ARN = r -> r.arn().toString();
    private static final Function<RegisteredResource, String> LAST = r -> {
        String id = r.arn().resourceId();
        return id.substring(id.lastIndexOf('/') + 1);
    };

    private static final Map<String, Mapping> BY_REGISTRY_TYPE = Map.ofEntries(
            Map.entry("sqs", new Mapping("AWS::SQS::Queue", "QueueUrl", ScanTypes::queueUrl)),
            Map.entry("s3", new Mapping("AWS::S3::Bucket", "BucketName", ID)),
            Map.entry("sns", new Mapping("AWS::SNS::Topic", "TopicArn", ARN)),
            Map.entry("dynamodb:table", new Mapping("AWS::DynamoDB::Table", "TableName", ID)),
            Map.entry("lambda:function", new Mapping("AWS::Lambda::Function", "FunctionName", ID)),
            Map.entry("lambda:event-source-mapping", new Mapping("AWS::Lambda::EventSourceMapping", "Id", ID)),
            Map.entry("logs:log-group", new Mapping("AWS::Logs::LogGroup", "LogGroupName",
                    r -> ID.apply(r).replaceAll(":\\*$", ""))),
            Map.entry("ec2:vpc", new Mapping("AWS::EC2::VPC", "VpcId", ID)),
            Map.entry("ec2:subnet", new Mapping("AWS::EC2::Subnet", "SubnetId", ID)),
            Map.entry("ec2:security-group", new Mapping("AWS::EC2::SecurityGroup", "GroupId", ID)),
            Map.entry("ec2:internet-gateway", new Mapping("AWS::EC2::InternetGateway", "InternetGatewayId", ID)),
            Map.entry("ec2:route-table", new Mapping("AWS::EC2::RouteTable", "RouteTableId", ID)),
            Map.entry("ec2:network-acl", new Mapping("AWS::EC2::NetworkAcl", "Id", ID)),
            Map.entry("ec2:natgateway", new Mapping("AWS::EC2::NatGateway", "NatGatewayId", ID)),
            Map.entry("ec2:instance", new Mapping("AWS::EC2::Instance", "InstanceId", ID)),
            Map.entry("ec2:volume", new Mapping("AWS::EC2::Volume", "VolumeId", ID)),
            Map.entry("ec2:launch-template", new Mapping("AWS::EC2::LaunchTemplate", "LaunchTemplateId", ID)),
            Map.entry("ec2:transit-gateway", new Mapping("AWS::EC2::TransitGateway", "Id", ID)),
            Map.entry("ec2:vpc-endpoint", new Mapping("AWS::EC2::VPCEndpoint", "Id", ID)),
            Map.entry("ec2:vpc-peering-connection", new Mapping("AWS::EC2::VPCPeeringConnection", "Id", ID)),
            Map.entry("iam:role", new Mapping("AWS::IAM::Role", "RoleName", LAST)),
            Map.entry("iam:user", new Mapping("AWS::IAM::User", "UserName", LAST)),
            Map.entry("iam:group", new Mapping("AWS::IAM::Group", "GroupName", LAST)),
            Map.entry("iam:policy", new Mapping("AWS::IAM::ManagedPolicy", "PolicyArn", ARN)),
            Map.entry("iam:instance-profile", new Mapping("AWS::IAM::InstanceProfile", "InstanceProfileName",
                    LAST)),
            Map.entry("iam:oidc-provider", new Mapping("AWS::IAM::OIDCProvider", "Arn", ARN)),
            Map.entry("kms:key", new Mapping("AWS::KMS::Key", "KeyId", ID)),
            Map.entry("kms:alias", new Mapping("AWS::KMS::Alias", "AliasName", r -> r.arn().resource())),
            Map.entry("secretsmanager:secret", new Mapping("AWS::SecretsManager::Secret", "Id", ARN)),
            // A hierarchical parameter /a/b has the ARN parameter/a/b: its name takes the slash back.
            Map.entry("ssm:parameter", new Mapping("AWS::SSM::Parameter", "Name",
                    r -> ID.apply(r).contains("/") ? "/" + ID.apply(r) : ID.apply(r))),
            Map.entry("events:event-bus", new Mapping("AWS::Events::EventBus", "Name", ID)),
            Map.entry("events:rule", new Mapping("AWS::Events::Rule", "Arn", ARN)),
            Map.entry("ecr:repository", new Mapping("AWS::ECR::Repository", "RepositoryName", ID)),
            Map.entry("cloudwatch:alarm", new Mapping("AWS::CloudWatch::Alarm", "AlarmName", ID)));

    private ScanTypes() {
    }

    /** The mapping of {@code r}, or null when a scan does not list its kind. */
    static Mapping of(RegisteredResource r) {
        // An SNS subscription's ARN (topic:uuid) reads as type "sns:<topic>": only bare topic ARNs are topics.
        return BY_REGISTRY_TYPE.get(r.type());
    }

    /** The queue's URL as SQS hands it out to this caller ({@code http://<Host>/<account>/<name>}). */
    private static String queueUrl(RegisteredResource r) {
        return "http://" + RequestContext.current().host() + "/" + r.account() + "/" + r.id();
    }
}
