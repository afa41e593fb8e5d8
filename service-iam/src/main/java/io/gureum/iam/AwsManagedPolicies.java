package io.gureum.iam;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A small table of AWS managed policies (ARN {@code arn:aws:iam::aws:policy<path><name>}), enough for
 * the execution roles and instance profiles people create locally. Documents are AWS's where they are
 * short; the broad read-only and full-access ones keep AWS's effect in a shorter statement. Any
 * other ARN under {@code arn:aws:iam::aws:policy/} is unknown, as AWS answers for policies it does not
 * have.
 */
final class AwsManagedPolicies {
    record Entry(String name, String path, String description, String document) {
        String arn(String partition) {
            return "arn:" + partition + ":iam::aws:policy" + path + name;
        }

        /** Stable across servers and accounts, as AWS's are: derived from the name. */
        String id() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
                String base36 = new BigInteger(1, digest).toString(36).toUpperCase(Locale.ROOT);
                return IamIds.POLICY + base36.substring(0, 17);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final Instant CREATED = Instant.parse("2015-02-06T18:39:46Z");

    private static final String LOGS = "\"logs:CreateLogGroup\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"";

    private static final List<Entry> BASE = List.of(
            new Entry("AdministratorAccess", "/", "Provides full access to AWS services and resources.",
                    allow("\"*\"")),
            new Entry("ReadOnlyAccess", "/", "Provides read-only access to AWS services and resources.",
                    allow("[\"*:Describe*\",\"*:Get*\",\"*:List*\"]")),
            new Entry("PowerUserAccess", "/",
                    "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\","
                            + "\"organizations:*\",\"account:*\"],\"Resource\":\"*\"}]}"),
            new Entry("AmazonS3FullAccess", "/", "Provides full access to all buckets via the AWS Management Console.",
                    allow("[\"s3:*\",\"s3-object-lambda:*\"]")),
            new Entry("AmazonS3ReadOnlyAccess", "/",
                    "Provides read only access to all buckets via the AWS Management Console.",
                    allow("[\"s3:Get*\",\"s3:List*\",\"s3:Describe*\",\"s3-object-lambda:Get*\",\"s3-object-lambda:List*\"]")),
            new Entry("AmazonSQSFullAccess", "/", "Provides full access to Amazon SQS via the AWS Management Console.",
                    allow("[\"sqs:*\"]")),
            new Entry("AmazonSNSFullAccess", "/", "Provides full access to Amazon SNS via the AWS Management Console.",
                    allow("[\"sns:*\"]")),
            new Entry("AmazonDynamoDBFullAccess", "/",
                    "Provides full access to Amazon DynamoDB via the AWS Management Console.",
                    allow("[\"dynamodb:*\"]")),
            new Entry("AmazonEC2FullAccess", "/", "Provides full access to Amazon EC2 via the AWS Management Console.",
                    allow("[\"ec2:*\",\"elasticloadbalancing:*\",\"cloudwatch:*\",\"autoscaling:*\"]")),
            // cdk bootstrap's DeploymentActionRole attaches it.
            new Entry("AWSCloudFormationReadOnlyAccess", "/",
                    "Provides access to AWS CloudFormation via the AWS Management Console.",
                    allow("[\"cloudformation:Describe*\",\"cloudformation:EstimateTemplateCost\","
                            + "\"cloudformation:Get*\",\"cloudformation:List*\",\"cloudformation:ValidateTemplate\","
                            + "\"cloudformation:Detect*\"]")),
            new Entry("CloudWatchLogsFullAccess", "/", "Provides full access to CloudWatch Logs",
                    allow("[\"logs:*\"]")),
            new Entry("AWSLambda_FullAccess", "/", "Grants full access to AWS Lambda service, AWS Lambda console "
                    + "features, and other related AWS services.", allow("[\"lambda:*\"]")),
            new Entry("AWSLambdaBasicExecutionRole", "/service-role/",
                    "Provides write permissions to CloudWatch Logs.", allow("[" + LOGS + "]")),
            new Entry("AWSLambdaSQSQueueExecutionRole", "/service-role/",
                    "Provides receive message, delete message, and read attribute access to SQS queues, and write "
                            + "permissions to CloudWatch logs.",
                    allow("[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\",\"sqs:GetQueueAttributes\"," + LOGS + "]")),
            new Entry("AWSLambdaDynamoDBExecutionRole", "/service-role/",
                    "Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.",
                    allow("[\"dynamodb:DescribeStream\",\"dynamodb:GetRecords\",\"dynamodb:GetShardIterator\","
                            + "\"dynamodb:ListStreams\"," + LOGS + "]")),
            new Entry("AWSLambdaVPCAccessExecutionRole", "/service-role/",
                    "Provides minimum permissions for a Lambda function to execute while accessing a resource within a "
                            + "VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs. ",
                    allow("[" + LOGS + ",\"ec2:CreateNetworkInterface\",\"ec2:DescribeNetworkInterfaces\","
                            + "\"ec2:DescribeSubnets\",\"ec2:DeleteNetworkInterface\",\"ec2:AssignPrivateIpAddresses\","
                            + "\"ec2:UnassignPrivateIpAddresses\"]")),
            new Entry("AWSLambdaKinesisExecutionRole", "/service-role/",
                    "Provides list and read access to Kinesis streams and write permissions to CloudWatch logs.",
                    allow("[\"kinesis:DescribeStream\",\"kinesis:DescribeStreamSummary\",\"kinesis:GetRecords\","
                            + "\"kinesis:GetShardIterator\",\"kinesis:ListShards\",\"kinesis:ListStreams\","
                            + "\"kinesis:SubscribeToShard\"," + LOGS + "]")),
            new Entry("AmazonSSMManagedInstanceCore", "/",
                    "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.",
                    allow("[\"ssm:DescribeAssociation\",\"ssm:GetDeployablePatchSnapshotForInstance\","
                            + "\"ssm:GetDocument\",\"ssm:DescribeDocument\",\"ssm:GetManifest\",\"ssm:GetParameter\","
                            + "\"ssm:GetParameters\",\"ssm:ListAssociations\",\"ssm:ListInstanceAssociations\","
                            + "\"ssm:PutInventory\",\"ssm:PutComplianceItems\",\"ssm:PutConfigurePackageResult\","
                            + "\"ssm:UpdateAssociationStatus\",\"ssm:UpdateInstanceAssociationStatus\","
                            + "\"ssm:UpdateInstanceInformation\",\"ssmmessages:CreateControlChannel\","
                            + "\"ssmmessages:CreateDataChannel\",\"ssmmessages:OpenControlChannel\","
                            + "\"ssmmessages:OpenDataChannel\",\"ec2messages:AcknowledgeMessage\","
                            + "\"ec2messages:DeleteMessage\",\"ec2messages:FailMessage\",\"ec2messages:GetEndpoint\","
                            + "\"ec2messages:GetMessages\",\"ec2messages:SendReply\"]")));

    /** The common ones, and the policies of the service-linked roles Gureum knows ({@link ServiceLinkedRoleTypes}). */
    static final List<Entry> ALL = java.util.stream.Stream.concat(BASE.stream(),
            ServiceLinkedRoleTypes.ALL.stream().map(t -> new Entry(t.policyName(), "/aws-service-role/",
                    "Policy of the " + t.roleName() + " service-linked role.", allow(t.actions())))).toList();

    private AwsManagedPolicies() {
    }

    static boolean isAwsManaged(String arn) {
        return arn != null && arn.matches("arn:[a-z-]+:iam::aws:policy/.*");
    }

    static Optional<Entry> find(String arn) {
        for (Entry e : ALL) {
            if (arn.equals(e.arn(partitionOf(arn)))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String partitionOf(String arn) {
        return arn.split(":", 3)[1];
    }

    private static String allow(String actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":\"*\"}]}";
    }
}
