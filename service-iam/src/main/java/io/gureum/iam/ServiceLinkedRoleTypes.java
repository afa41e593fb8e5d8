package io.gureum.iam;

import java.util.List;
import java.util.Optional;

/**
 * The service-linked roles Gureum can create: the service principal, the role name AWS gives it, its AWS managed
 * policy, whether a custom suffix is allowed, and the actions the policy grants (AWS's policies grant more, narrowly
 * scoped; here one broad statement keeps their effect). Names and policies come from each service's
 * "Using service-linked roles" page, listed in
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html, e.g.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html (custom suffixes
 * allowed), https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_reqs_bestpractices.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-edge-permissions.html,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html,
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html.
 */
final class ServiceLinkedRoleTypes {
    record Type(String service, String roleName, String policyName, boolean customSuffix, String actions) {
    }

    static final List<Type> ALL = List.of(
            new Type("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling", "AutoScalingServiceRolePolicy", true,
                    "[\"ec2:*\",\"elasticloadbalancing:*\",\"cloudwatch:*\",\"sns:Publish\",\"events:*\","
                            + "\"ssm:GetParameters\"]"),
            new Type("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing",
                    "AWSElasticLoadBalancingServiceRolePolicy", false,
                    "[\"ec2:Describe*\",\"ec2:CreateNetworkInterface\",\"ec2:DeleteNetworkInterface\","
                            + "\"ec2:ModifyNetworkInterfaceAttribute\",\"ec2:AssignPrivateIpAddresses\","
                            + "\"ec2:UnassignPrivateIpAddresses\",\"logs:CreateLogDelivery\"]"),
            new Type("ecs.amazonaws.com", "AWSServiceRoleForECS", "AmazonECSServiceRolePolicy", false,
                    "[\"ec2:*NetworkInterface*\",\"ec2:Describe*\",\"elasticloadbalancing:*\",\"logs:*\","
                            + "\"servicediscovery:*\",\"route53:*\"]"),
            new Type("rds.amazonaws.com", "AWSServiceRoleForRDS", "AmazonRDSServiceRolePolicy", false,
                    "[\"ec2:*\",\"logs:*\",\"kinesis:*\",\"cloudwatch:PutMetricData\","
                            + "\"secretsmanager:*\"]"),
            new Type("replication.dynamodb.amazonaws.com", "AWSServiceRoleForDynamoDBReplication",
                    "DynamoDBReplicationServiceRolePolicy", false, "[\"dynamodb:*\",\"application-autoscaling:*\"]"),
            new Type("replicator.lambda.amazonaws.com", "AWSServiceRoleForLambdaReplicator", "AWSLambdaReplicator",
                    false, "[\"lambda:CreateFunction\",\"lambda:DeleteFunction\",\"lambda:DisableReplication\","
                            + "\"iam:PassRole\",\"cloudfront:ListDistributionsByLambdaFunction\"]"),
            new Type("organizations.amazonaws.com", "AWSServiceRoleForOrganizations",
                    "AWSOrganizationsServiceTrustPolicy", false, "[\"iam:GetRole\",\"iam:DeleteRole\"]"),
            new Type("spot.amazonaws.com", "AWSServiceRoleForEC2Spot", "AWSEC2SpotServiceRolePolicy", false,
                    "[\"ec2:DescribeInstances\",\"ec2:StartInstances\",\"ec2:StopInstances\",\"ec2:RunInstances\","
                            + "\"ec2:CreateTags\",\"iam:PassRole\"]"),
            new Type("spotfleet.amazonaws.com", "AWSServiceRoleForEC2SpotFleet", "AWSEC2SpotFleetServiceRolePolicy",
                    false, "[\"ec2:*\",\"elasticloadbalancing:RegisterTargets\",\"iam:PassRole\"]"),
            new Type("ecs.application-autoscaling.amazonaws.com", "AWSServiceRoleForApplicationAutoScaling_ECSService",
                    "AWSApplicationAutoscalingECSServicePolicy", false,
                    "[\"ecs:DescribeServices\",\"ecs:UpdateService\",\"cloudwatch:*\"]"),
            new Type("dynamodb.application-autoscaling.amazonaws.com",
                    "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                    "AWSApplicationAutoscalingDynamoDBTablePolicy", false,
                    "[\"dynamodb:DescribeTable\",\"dynamodb:UpdateTable\",\"cloudwatch:*\"]"),
            new Type("ssm.amazonaws.com", "AWSServiceRoleForAmazonSSM", "AmazonSSMServiceRolePolicy", false,
                    "[\"ssm:*\",\"ec2:Describe*\",\"iam:PassRole\"]"),
            new Type("elasticache.amazonaws.com", "AWSServiceRoleForElastiCache", "ElastiCacheServiceRolePolicy",
                    false, "[\"ec2:*NetworkInterface*\",\"ec2:Describe*\",\"cloudwatch:PutMetricData\"]"),
            new Type("config.amazonaws.com", "AWSServiceRoleForConfig", "AWSConfigServiceRolePolicy", false,
                    "[\"*:Describe*\",\"*:Get*\",\"*:List*\"]"));

    private ServiceLinkedRoleTypes() {
    }

    static Optional<Type> of(String service) {
        return ALL.stream().filter(t -> t.service().equals(service)).findFirst();
    }
}
