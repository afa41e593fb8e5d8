package io.gureum.tagging;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.FailureInfo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * Tags and untags one resource through its own service's tag operations, called in-process as the
 * caller's account. Returns null on success, or the failure the tagging API reports for that ARN.
 */
final class ServiceTaggers {
    private final ServiceClients clients;

    ServiceTaggers(ServiceClients clients) {
        this.clients = clients;
    }

    FailureInfo tag(String arnText, Map<String, String> tags) {
        return apply(arnText, true, tags, List.of());
    }

    FailureInfo untag(String arnText, List<String> keys) {
        return apply(arnText, false, Map.of(), keys);
    }

    private FailureInfo apply(String arnText, boolean tag, Map<String, String> tags, List<String> keys) {
        RequestContext ctx = RequestContext.current();
        Arn arn;
        try {
            arn = Arn.parse(arnText);
        } catch (IllegalArgumentException e) {
            return failure(400, "InvalidParameterException", "The ARN " + arnText + " is not valid.");
        }
        if (!arn.accountId().isEmpty() && !arn.accountId().equals(ctx.accountId())) {
            return failure(400, "InvalidParameterException",
                    "The resource " + arnText + " does not belong to account " + ctx.accountId() + ".");
        }
        if (!arn.region().isEmpty() && !arn.region().equals(ctx.region())) {
            return failure(400, "InvalidParameterException",
                    "The resource " + arnText + " is not in region " + ctx.region() + ".");
        }
        Caller caller = Caller.root(ctx.accountId(), ctx.region());
        try {
            return switch (arn.service()) {
                case "sqs" -> sqs(caller, arn, tag, tags, keys);
                case "sns" -> call(SnsClient.class, caller, sns -> {
                    if (tag) {
                        sns.tagResource(b -> b.resourceArn(arnText).tags(snsTags(tags)));
                    } else {
                        sns.untagResource(b -> b.resourceArn(arnText).tagKeys(keys));
                    }
                });
                case "dynamodb" -> call(DynamoDbClient.class, caller, ddb -> {
                    if (tag) {
                        ddb.tagResource(b -> b.resourceArn(arnText).tags(dynamoDbTags(tags)));
                    } else {
                        ddb.untagResource(b -> b.resourceArn(arnText).tagKeys(keys));
                    }
                });
                case "lambda" -> call(LambdaClient.class, caller, lambda -> {
                    if (tag) {
                        lambda.tagResource(b -> b.resource(arnText).tags(tags));
                    } else {
                        lambda.untagResource(b -> b.resource(arnText).tagKeys(keys));
                    }
                });
                case "logs" -> call(CloudWatchLogsClient.class, caller, logs -> {
                    String groupArn = arnText.endsWith(":*") ? arnText.substring(0, arnText.length() - 2) : arnText;
                    if (tag) {
                        logs.tagResource(b -> b.resourceArn(groupArn).tags(tags));
                    } else {
                        logs.untagResource(b -> b.resourceArn(groupArn).tagKeys(keys));
                    }
                });
                case "ec2" -> call(Ec2Client.class, caller, ec2 -> {
                    String id = arn.resourceId();
                    if (tag) {
                        ec2.createTags(b -> b.resources(id).tags(ec2Tags(tags)));
                    } else {
                        List<software.amazon.awssdk.services.ec2.model.Tag> list = new ArrayList<>();
                        keys.forEach(k -> list.add(software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).build()));
                        ec2.deleteTags(b -> b.resources(id).tags(list));
                    }
                });
                case "s3" -> s3(caller, arn, tag, tags, keys);
                case "iam" -> iam(caller, arn, tag, tags, keys);
                case "ssm" -> ssm(caller, arn, tag, tags, keys);
                default -> unsupported(arnText);
            };
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            return failure(e.statusCode(), code == null ? "InternalServiceException" : code, message);
        }
    }

    private FailureInfo sqs(Caller caller, Arn arn, boolean tag, Map<String, String> tags, List<String> keys) {
        return call(SqsClient.class, caller, sqs -> {
            String url = sqs.getQueueUrl(b -> b.queueName(arn.resource()).queueOwnerAWSAccountId(arn.accountId()))
                    .queueUrl();
            if (tag) {
                sqs.tagQueue(b -> b.queueUrl(url).tags(tags));
            } else {
                sqs.untagQueue(b -> b.queueUrl(url).tagKeys(keys));
            }
        });
    }

    /** S3 sets a bucket's whole tag set at once: read, change, write back (delete it when it empties). */
    private FailureInfo s3(Caller caller, Arn arn, boolean tag, Map<String, String> tags, List<String> keys) {
        if (arn.resource().contains("/")) {
            return unsupported(arn.toString()); // objects are tagged with PutObjectTagging, not this API
        }
        String bucket = arn.resource();
        return call(S3Client.class, caller, s3 -> {
            Map<String, String> current = new LinkedHashMap<>();
            try {
                s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().forEach(t -> current.put(t.key(), t.value()));
            } catch (S3Exception e) {
                if (!"NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
            }
            if (tag) {
                current.putAll(tags);
            } else {
                current.keySet().removeAll(keys);
            }
            if (current.isEmpty()) {
                s3.deleteBucketTagging(b -> b.bucket(bucket));
                return;
            }
            List<software.amazon.awssdk.services.s3.model.Tag> set = new ArrayList<>();
            current.forEach((k, v) -> set.add(software.amazon.awssdk.services.s3.model.Tag.builder().key(k).value(v).build()));
            s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(set)));
        });
    }

    private FailureInfo iam(Caller caller, Arn arn, boolean tag, Map<String, String> tags, List<String> keys) {
        String type = arn.resourceType();
        String path = arn.resourceId();
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<software.amazon.awssdk.services.iam.model.Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(software.amazon.awssdk.services.iam.model.Tag.builder().key(k).value(v).build()));
        return switch (type) {
            case "role" -> call(IamClient.class, caller, iam -> {
                if (tag) {
                    iam.tagRole(b -> b.roleName(name).tags(list));
                } else {
                    iam.untagRole(b -> b.roleName(name).tagKeys(keys));
                }
            });
            case "user" -> call(IamClient.class, caller, iam -> {
                if (tag) {
                    iam.tagUser(b -> b.userName(name).tags(list));
                } else {
                    iam.untagUser(b -> b.userName(name).tagKeys(keys));
                }
            });
            case "policy" -> call(IamClient.class, caller, iam -> {
                if (tag) {
                    iam.tagPolicy(b -> b.policyArn(arn.toString()).tags(list));
                } else {
                    iam.untagPolicy(b -> b.policyArn(arn.toString()).tagKeys(keys));
                }
            });
            case "instance-profile" -> call(IamClient.class, caller, iam -> {
                if (tag) {
                    iam.tagInstanceProfile(b -> b.instanceProfileName(name).tags(list));
                } else {
                    iam.untagInstanceProfile(b -> b.instanceProfileName(name).tagKeys(keys));
                }
            });
            default -> unsupported(arn.toString());
        };
    }

    /**
     * SSM parameters by name: {@code parameter/a/b} names {@code /a/b}; {@code parameter/a} names {@code /a}
     * or, failing that, the plain name {@code a} (both have that ARN).
     */
    private FailureInfo ssm(Caller caller, Arn arn, boolean tag, Map<String, String> tags, List<String> keys) {
        if (!arn.resourceType().equals("parameter")) {
            return unsupported(arn.toString());
        }
        String id = arn.resourceId();
        return call(SsmClient.class, caller, ssm -> {
            try {
                ssmTags(ssm, "/" + id, tag, tags, keys);
            } catch (InvalidResourceIdException e) {
                if (id.contains("/")) {
                    throw e;
                }
                ssmTags(ssm, id, tag, tags, keys);
            }
        });
    }

    private static void ssmTags(SsmClient ssm, String name, boolean tag, Map<String, String> tags, List<String> keys) {
        if (tag) {
            List<software.amazon.awssdk.services.ssm.model.Tag> list = new ArrayList<>();
            tags.forEach((k, v) -> list.add(software.amazon.awssdk.services.ssm.model.Tag.builder().key(k).value(v).build()));
            ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name).tags(list));
        } else {
            ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)
                    .tagKeys(keys));
        }
    }

    private <T> FailureInfo call(Class<T> api, Caller caller, java.util.function.Consumer<T> action) {
        if (!clients.serves(api)) {
            return failure(500, "InternalServiceException",
                    "The service of this resource is not enabled in Gureum.");
        }
        action.accept(clients.client(api, caller));
        return null;
    }

    /**
     * A resource type this API cannot tag: AWS reports it as {@code InternalServiceException}
     * (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_FailureInfo.html).
     */
    private static FailureInfo unsupported(String arn) {
        return failure(500, "InternalServiceException", "The resource type of " + arn
                + " is not supported by the Resource Groups Tagging API.");
    }

    private static FailureInfo failure(int status, String code, String message) {
        return FailureInfo.builder().statusCode(status).errorCode(code).errorMessage(message).build();
    }

    private static List<software.amazon.awssdk.services.sns.model.Tag> snsTags(Map<String, String> tags) {
        List<software.amazon.awssdk.services.sns.model.Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(software.amazon.awssdk.services.sns.model.Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static List<software.amazon.awssdk.services.dynamodb.model.Tag> dynamoDbTags(Map<String, String> tags) {
        List<software.amazon.awssdk.services.dynamodb.model.Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(software.amazon.awssdk.services.dynamodb.model.Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static List<software.amazon.awssdk.services.ec2.model.Tag> ec2Tags(Map<String, String> tags) {
        List<software.amazon.awssdk.services.ec2.model.Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).value(v).build()));
        return out;
    }
}
