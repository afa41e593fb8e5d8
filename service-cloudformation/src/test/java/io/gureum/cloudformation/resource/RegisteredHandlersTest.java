package io.gureum.cloudformation.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every handler of issue #17's list is registered once through the ServiceLoader file. */
class RegisteredHandlersTest {
    static final List<String> TYPES = List.of("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable",
            "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::InternetGateway",
            "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::EIP", "AWS::EC2::NatGateway", "AWS::EC2::NetworkAcl",
            "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::SecurityGroup",
            "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::VPCEndpoint",
            "AWS::EC2::VPCEndpointService", "AWS::EC2::VPCEndpointServicePermissions",
            "AWS::EC2::VPCEndpointConnectionNotification",
            "AWS::EC2::VPCPeeringConnection", "AWS::EC2::TransitGateway", "AWS::EC2::TransitGatewayAttachment",
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
            "AWS::IAM::InstanceProfile", "AWS::IAM::AccessKey", "AWS::Lambda::Function", "AWS::Lambda::Version",
            "AWS::Lambda::Alias", "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping", "AWS::Logs::LogGroup",
            "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::SNS::TopicPolicy", "AWS::SQS::Queue",
            "AWS::SQS::QueuePolicy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::DynamoDB::Table",
            "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::EC2::Volume", "AWS::EC2::KeyPair",
            "AWS::CloudWatch::Alarm", "AWS::Events::Rule", "AWS::SSM::Parameter", "AWS::KMS::Key", "AWS::KMS::Alias",
            "AWS::SecretsManager::Secret", "AWS::ECR::Repository", "AWS::ECR::RegistryPolicy",
            "AWS::Logs::LogStream", "AWS::Logs::MetricFilter",
            "AWS::CloudWatch::Dashboard", "AWS::Events::EventBus", "AWS::IAM::OIDCProvider",
            "AWS::CloudWatch::CompositeAlarm", "AWS::Events::Archive", "AWS::SecretsManager::ResourcePolicy",
            // EC2 types added for issue #17 (second batch).
            "AWS::EC2::NetworkInterface", "AWS::EC2::NetworkInterfaceAttachment", "AWS::EC2::VolumeAttachment",
            "AWS::EC2::VPCCidrBlock", "AWS::EC2::SubnetCidrBlock", "AWS::EC2::PrefixList", "AWS::EC2::PlacementGroup",
            "AWS::EC2::EIPAssociation", "AWS::EC2::TransitGatewayRouteTable", "AWS::EC2::TransitGatewayRoute",
            "AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation",
            "AWS::EC2::VPNGateway", "AWS::EC2::CustomerGateway", "AWS::EC2::DHCPOptions",
            "AWS::EC2::VPCDHCPOptionsAssociation", "AWS::EC2::EgressOnlyInternetGateway",
            "AWS::EC2::CarrierGateway", "AWS::EC2::VerifiedAccessInstance",
            "AWS::EC2::VerifiedAccessTrustProvider", "AWS::EC2::VerifiedAccessGroup", "AWS::EC2::VerifiedAccessEndpoint",
            "AWS::EC2::IPAM", "AWS::EC2::IPAMScope", "AWS::EC2::IPAMPool",
            "AWS::EC2::IPAMPoolCidr", "AWS::EC2::IPAMAllocation", "AWS::EC2::IPAMResourceDiscovery",
            "AWS::EC2::IPAMResourceDiscoveryAssociation", "AWS::EC2::NetworkInterfacePermission", "AWS::EC2::SecurityGroupVpcAssociation",
            "AWS::EC2::LocalGatewayRoute", "AWS::EC2::LocalGatewayRouteTable", "AWS::EC2::LocalGatewayRouteTableVPCAssociation",
            "AWS::EC2::LocalGatewayRouteTableVirtualInterfaceGroupAssociation",
            "AWS::EC2::TrafficMirrorTarget", "AWS::EC2::TrafficMirrorFilter", "AWS::EC2::TrafficMirrorFilterRule",
            "AWS::EC2::TrafficMirrorSession", "AWS::EC2::VPCBlockPublicAccessOptions",
            "AWS::EC2::VPCBlockPublicAccessExclusion", "AWS::EC2::SnapshotBlockPublicAccess",
            "AWS::EC2::VPNConnection", "AWS::EC2::VPNConnectionRoute",
            // VPC Route Server (route-servers).
            "AWS::EC2::RouteServer", "AWS::EC2::RouteServerEndpoint", "AWS::EC2::RouteServerPeer",
            "AWS::EC2::RouteServerAssociation", "AWS::EC2::RouteServerPropagation",
            "AWS::EC2::ClientVpnEndpoint", "AWS::EC2::ClientVpnTargetNetworkAssociation",
            "AWS::EC2::ClientVpnAuthorizationRule", "AWS::EC2::ClientVpnRoute",
            "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::UserToGroupAddition",
            "AWS::IAM::ServiceLinkedRole", "AWS::IAM::SAMLProvider", "AWS::IAM::ServerCertificate",
            "AWS::IAM::VirtualMFADevice", "AWS::Organizations::Organization", "AWS::Organizations::OrganizationalUnit",
            "AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::ResourcePolicy",
            "AWS::Lambda::LayerVersion", "AWS::Lambda::LayerVersionPermission", "AWS::Lambda::Url",
            "AWS::Lambda::EventInvokeConfig", "AWS::Scheduler::Schedule", "AWS::Scheduler::ScheduleGroup",
            "AWS::DynamoDB::GlobalTable", "AWS::KMS::ReplicaKey", "AWS::SNS::TopicInlinePolicy",
            "AWS::SQS::QueueInlinePolicy", "AWS::Logs::SubscriptionFilter", "AWS::Logs::Destination",
            "AWS::Logs::ResourcePolicy", "AWS::Logs::QueryDefinition", "AWS::Logs::AccountPolicy",
            "AWS::ECR::ReplicationConfiguration", "AWS::CloudWatch::AnomalyDetector", "AWS::EC2::FlowLog",
            "AWS::CloudWatch::InsightRule", "AWS::CloudWatch::MetricStream",
            // cfn-types
            "AWS::SecretsManager::RotationSchedule", "AWS::SecretsManager::SecretTargetAttachment",
            "AWS::Lambda::CodeSigningConfig", "AWS::Logs::DeliveryDestination", "AWS::Logs::LogAnomalyDetector",
            "AWS::Logs::Transformer", "AWS::Events::EventBusPolicy", "AWS::ECR::RegistryScanningConfiguration",
            "AWS::EC2::VPNGatewayRoutePropagation", "AWS::EC2::GatewayRouteTableAssociation",
            "AWS::EC2::CapacityReservation", "AWS::EC2::Host", "AWS::EC2::EC2Fleet", "AWS::EC2::SpotFleet",
            "AWS::EC2::NetworkInsightsPath", "AWS::EC2::NetworkInsightsAccessScope",
            "AWS::EC2::NetworkInsightsAnalysis", "AWS::EC2::NetworkInsightsAccessScopeAnalysis",
            "AWS::EC2::TransitGatewayVpcAttachment", "AWS::Logs::ScheduledQuery", "AWS::Lambda::CapacityProvider",
            "AWS::Events::Connection", "AWS::Events::ApiDestination", "AWS::Events::Endpoint",
            "AWS::ECR::PullThroughCacheRule", "AWS::ECR::RepositoryCreationTemplate", "AWS::SSM::Document",
            "AWS::SSM::Association", "AWS::SSM::ResourceDataSync", "AWS::SSM::ResourcePolicy",
            "AWS::SSM::MaintenanceWindow", "AWS::SSM::MaintenanceWindowTarget", "AWS::SSM::MaintenanceWindowTask",
            "AWS::SSM::PatchBaseline", "AWS::CloudWatch::AlarmMuteRule", "AWS::CloudWatch::OTelEnrichment",
            "AWS::ECR::SigningConfiguration", "AWS::ECR::PullTimeUpdateExclusion", "AWS::Logs::DeliverySource",
            "AWS::Logs::Delivery", "AWS::S3::AccessPoint", "AWS::EC2::TransitGatewayPeeringAttachment",
            "AWS::EC2::TransitGatewayConnect", "AWS::EC2::TransitGatewayConnectPeer",
            "AWS::EC2::TransitGatewayMulticastDomain", "AWS::EC2::TransitGatewayMulticastDomainAssociation",
            "AWS::EC2::TransitGatewayMulticastGroupMember", "AWS::EC2::TransitGatewayMulticastGroupSource",
            "AWS::ECR::PublicRepository",
            // ec2-capacity
            "AWS::EC2::CapacityReservationFleet", "AWS::EC2::VPCEncryptionControl",
            // capacity-manager
            "AWS::EC2::CapacityManagerDataExport",
            "AWS::S3::StorageLens", "AWS::S3::StorageLensGroup", "AWS::S3::AccessGrantsInstance",
            "AWS::S3::AccessGrantsLocation", "AWS::S3::AccessGrant", "AWS::S3::MultiRegionAccessPoint",
            "AWS::S3::MultiRegionAccessPointPolicy",
            // ec2-instance-ops
            "AWS::EC2::InstanceConnectEndpoint",
            // elbv2
            "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
            "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
            "AWS::ElasticLoadBalancingV2::ListenerCertificate",
            "AWS::ElasticLoadBalancingV2::TrustStore",
            "AWS::ElasticLoadBalancingV2::TrustStoreRevocation",
            // acm
            "AWS::CertificateManager::Certificate", "AWS::CertificateManager::Account",
            // ec2-misc-types
            "AWS::EC2::TransitGatewayMeteringPolicy", "AWS::EC2::TransitGatewayMeteringPolicyEntry",
            "AWS::EC2::VPNConcentrator", "AWS::EC2::NetworkPerformanceMetricSubscription",
            "AWS::EC2::IpPoolRouteTableAssociation", "AWS::EC2::LocalGatewayVirtualInterfaceGroup",
            "AWS::EC2::LocalGatewayVirtualInterface", "AWS::EC2::IPAMPrefixListResolver",
            "AWS::EC2::IPAMPrefixListResolverTarget",
            // s3-object-lambda
            "AWS::S3ObjectLambda::AccessPoint", "AWS::S3ObjectLambda::AccessPointPolicy",
            // sql-ha
            "AWS::EC2::SqlHaStandbyDetectedInstance",
            // small-gaps
            "AWS::EC2::EnclaveCertificateIamRoleAssociation",
            // s3express
            "AWS::S3Express::DirectoryBucket", "AWS::S3Express::BucketPolicy", "AWS::S3Express::AccessPoint");

    @Test
    void everyTypeOfTheIssueIsServedOnce() {
        ResourceHandlers handlers = ResourceHandlers.builtIn();
        assertTrue(handlers.unrecognized(TYPES).isEmpty(), handlers.unrecognized(TYPES).toString());
        // Besides them, only CloudFormation's own types (the engine's, e.g. AWS::CDK::Metadata) are registered.
        List<String> others = handlers.types().stream().filter(t -> !TYPES.contains(t)).toList();
        assertTrue(others.stream().allMatch(t -> t.startsWith("AWS::CloudFormation::") || t.equals(
                "AWS::CDK::Metadata")), others.toString());
        assertEquals(List.of("AWS::Foo::Bar"), handlers.unrecognized(List.of("AWS::Foo::Bar", "AWS::EC2::VPC")));
    }
}
