package io.gureum.cloudformation.resource.serverless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import io.gureum.cloudformation.resource.dynamodb.TableHandler;
import io.gureum.cloudformation.resource.lambda.AliasHandler;
import io.gureum.cloudformation.resource.lambda.EventSourceMappingHandler;
import io.gureum.cloudformation.resource.lambda.FunctionHandler;
import io.gureum.cloudformation.resource.lambda.PermissionHandler;
import io.gureum.cloudformation.resource.lambda.VersionHandler;
import io.gureum.cloudformation.resource.logs.LogGroupHandler;
import io.gureum.cloudformation.resource.s3.BucketPolicyHandler;
import io.gureum.cloudformation.resource.s3.S3BucketHandler;
import io.gureum.cloudformation.resource.sns.SubscriptionHandler;
import io.gureum.cloudformation.resource.sns.TopicHandler;
import io.gureum.cloudformation.resource.sns.TopicPolicyHandler;
import io.gureum.cloudformation.resource.sqs.QueuePolicyHandler;
import io.gureum.cloudformation.resource.sqs.SqsQueueHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Lambda, Logs, SNS, the SQS and S3 policies and DynamoDB tables, through the SPI, checked through the SDK. */
class ServerlessHandlersIT extends HandlerTestSupport {

    String role() {
        return "arn:aws:iam::" + account + ":role/exec";
    }

    @Test
    void inlineFunctionWithVersionAliasPermissionAndQueueMapping() {
        LambdaClient lambda = client(LambdaClient.class);
        Deployed fn = create(new FunctionHandler(), "Fn", props("{'Runtime':'python3.12','Handler':'index.handler',"
                + "'Role':'" + role() + "','Code':{'ZipFile':'def handler(e, c):\\n    return 1\\n'},"
                + "'Environment':{'Variables':{'STAGE':'dev'}},'Timeout':10}"));
        assertTrue(fn.id().startsWith(STACK + "-Fn-"));
        FunctionConfiguration c = lambda.getFunction(b -> b.functionName(fn.id())).configuration();
        assertEquals(c.functionArn(), fn.att("Arn"));
        assertEquals(10, c.timeout());
        assertEquals("dev", c.environment().variables().get("STAGE"));
        assertTrue(c.codeSize() > 0);
        Map<String, String> tags = lambda.listTags(b -> b.resource(fn.att("Arn"))).tags();
        assertEquals(STACK, tags.get("aws:cloudformation:stack-name"));
        assertEquals("Fn", tags.get("aws:cloudformation:logical-id"));

        Deployed fn2 = update(fn, props("{'Runtime':'python3.12','Handler':'index.handler','Role':'" + role()
                + "','Code':{'ZipFile':'def handler(e, c):\\n    return 2\\n'},'MemorySize':256}"));
        c = lambda.getFunction(b -> b.functionName(fn.id())).configuration();
        assertEquals(256, c.memorySize());
        assertEquals(3, c.timeout(), "a removed property goes back to Lambda's default");
        assertTrue(c.environment() == null || c.environment().variables().isEmpty());
        assertTrue(replaces(fn2, props("{'FunctionName':'fixed','Runtime':'python3.12','Handler':'index.handler',"
                + "'Role':'" + role() + "','Code':{'ZipFile':'x'}}")));

        Deployed version = create(new VersionHandler(), "V1", props("{'FunctionName':'" + fn.id() + "'}"));
        assertEquals("1", version.att("Version"));
        assertEquals(fn.att("Arn") + ":1", version.id());
        assertEquals(fn.att("Arn"), version.att("FunctionArn"));
        Deployed alias = create(new AliasHandler(), "Live", props("{'FunctionName':'" + fn.id()
                + "','Name':'live','FunctionVersion':'1'}"));
        assertEquals(fn.att("Arn") + ":live", alias.id());
        Deployed alias2 = update(alias, props("{'FunctionName':'" + fn.id()
                + "','Name':'live','FunctionVersion':'$LATEST'}"));
        assertEquals("$LATEST", lambda.getAlias(b -> b.functionName(fn.id()).name("live")).functionVersion());

        Deployed permission = create(new PermissionHandler(), "FromSns", props("{'FunctionName':'" + fn.att("Arn")
                + "','Action':'lambda:InvokeFunction','Principal':'sns.amazonaws.com'}"));
        assertTrue(lambda.getPolicy(b -> b.functionName(fn.id())).policy().contains(permission.id()));

        Deployed queue = create(new SqsQueueHandler(), "Jobs", props("{}"));
        Deployed mapping = create(new EventSourceMappingHandler(), "JobsMapping", props("{'FunctionName':'" + fn.id()
                + "','EventSourceArn':'" + queue.att("Arn") + "','BatchSize':5}"));
        assertEquals(mapping.id(), mapping.att("Id"));
        assertEquals(5, lambda.getEventSourceMapping(b -> b.uuid(mapping.id())).batchSize());
        Deployed mapping2 = update(mapping, props("{'FunctionName':'" + fn.id() + "','EventSourceArn':'"
                + queue.att("Arn") + "','BatchSize':7,'Enabled':false}"));
        assertEquals(7, lambda.getEventSourceMapping(b -> b.uuid(mapping.id())).batchSize());
        assertTrue(replaces(mapping2, props("{'FunctionName':'" + fn.id() + "','EventSourceArn':'arn:other'}")));

        for (Deployed d : List.of(mapping2, permission, alias2, version, fn2, queue)) {
            delete(d);
            delete(d);
        }
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(fn.id())));
    }

    @Test
    void functionFromS3CodeAndABucketPolicy() throws Exception {
        Deployed bucket = create(new S3BucketHandler(), "Code", props("{}"));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("app.py"));
            z.write("def handler(e, c):\n    return 1\n".getBytes(StandardCharsets.UTF_8));
        }
        S3Client s3 = client(S3Client.class);
        s3.putObject(b -> b.bucket(bucket.id()).key("app.zip"), RequestBody.fromBytes(zip.toByteArray()));
        Deployed fn = create(new FunctionHandler(), "Fn", props("{'Runtime':'python3.12','Handler':'app.handler',"
                + "'Role':'" + role() + "','Code':{'S3Bucket':'" + bucket.id() + "','S3Key':'app.zip'}}"));
        assertEquals(zip.size(), client(LambdaClient.class).getFunction(b -> b.functionName(fn.id())).configuration()
                .codeSize());

        // Not a public policy: new buckets block public policies (S3's defaults since April 2023).
        String policy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::"
                + account + ":root'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::" + bucket.id() + "/*'}]}";
        Deployed bucketPolicy = create(new BucketPolicyHandler(), "Policy", props("{'Bucket':'" + bucket.id()
                + "','PolicyDocument':" + policy + "}"));
        assertEquals(bucket.id(), bucketPolicy.id());
        assertTrue(s3.getBucketPolicy(b -> b.bucket(bucket.id())).policy().contains("s3:GetObject"));
        delete(bucketPolicy);
        assertThrows(Exception.class, () -> s3.getBucketPolicy(b -> b.bucket(bucket.id())));
        delete(fn);
        s3.deleteObject(b -> b.bucket(bucket.id()).key("app.zip"));
        delete(bucket);
        delete(bucketPolicy);
    }

    @Test
    void logGroupRetentionAndTags() {
        CloudWatchLogsClient logs = client(CloudWatchLogsClient.class);
        Deployed group = create(new LogGroupHandler(), "Logs", props("{'LogGroupName':'/app/orders',"
                + "'RetentionInDays':7}"));
        assertEquals("/app/orders", group.id());
        assertEquals("arn:aws:logs:" + REGION + ":" + account + ":log-group:/app/orders:*", group.att("Arn"));
        LogGroup g = logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/orders")).logGroups().get(0);
        assertEquals(7, g.retentionInDays());
        assertEquals(g.arn(), group.att("Arn"));
        Deployed group2 = update(group, props("{'LogGroupName':'/app/orders'}"));
        assertNull(logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/orders")).logGroups().get(0)
                .retentionInDays());
        delete(group2);
        assertTrue(logs.describeLogGroups(b -> b.logGroupNamePrefix("/app/orders")).logGroups().isEmpty());
        delete(group2);
    }

    @Test
    void topicSubscriptionsAndPolicies() {
        SnsClient sns = client(SnsClient.class);
        SqsClient sqs = client(SqsClient.class);
        Deployed queue = create(new SqsQueueHandler(), "Inbox", props("{}"));
        Deployed topic = create(new TopicHandler(), "Events", props("{'DisplayName':'events','Subscription':"
                + "[{'Protocol':'sqs','Endpoint':'" + queue.att("Arn") + "'}]}"));
        assertTrue(topic.id().startsWith("arn:aws:sns:" + REGION + ":" + account + ":" + STACK + "-Events-"));
        assertEquals(topic.id(), topic.att("TopicArn"));
        assertEquals("events", sns.getTopicAttributes(b -> b.topicArn(topic.id())).attributes().get("DisplayName"));
        assertEquals(1, sns.listSubscriptionsByTopic(b -> b.topicArn(topic.id())).subscriptions().size());
        Deployed topic2 = update(topic, props("{'DisplayName':'all events'}"));
        assertEquals("all events", sns.getTopicAttributes(b -> b.topicArn(topic.id())).attributes().get("DisplayName"));
        assertTrue(sns.listSubscriptionsByTopic(b -> b.topicArn(topic.id())).subscriptions().isEmpty());

        Deployed sub = create(new SubscriptionHandler(), "Sub", props("{'TopicArn':'" + topic.id()
                + "','Protocol':'sqs','Endpoint':'" + queue.att("Arn") + "','RawMessageDelivery':'true'}"));
        assertEquals(sub.id(), sub.att("Arn"));
        assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub.id())).attributes()
                .get("RawMessageDelivery"));
        Deployed sub2 = update(sub, props("{'TopicArn':'" + topic.id() + "','Protocol':'sqs','Endpoint':'"
                + queue.att("Arn") + "','FilterPolicy':{'kind':['order']}}"));
        Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(sub.id())).attributes();
        assertEquals("false", attributes.get("RawMessageDelivery"));
        assertTrue(attributes.get("FilterPolicy").contains("order"));

        String topicPolicy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':"
                + "'events.amazonaws.com'},'Action':'sns:Publish','Resource':'" + topic.id() + "'}]}";
        Deployed tp = create(new TopicPolicyHandler(), "TopicPolicy", props("{'Topics':['" + topic.id()
                + "'],'PolicyDocument':" + topicPolicy + "}"));
        assertTrue(sns.getTopicAttributes(b -> b.topicArn(topic.id())).attributes().get("Policy")
                .contains("events.amazonaws.com"));
        delete(tp);
        assertFalse(sns.getTopicAttributes(b -> b.topicArn(topic.id())).attributes().get("Policy")
                .contains("events.amazonaws.com"));

        String queuePolicy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':"
                + "'sns.amazonaws.com'},'Action':'sqs:SendMessage','Resource':'" + queue.att("Arn") + "'}]}";
        Deployed qp = create(new QueuePolicyHandler(), "QueuePolicy", props("{'Queues':['" + queue.id()
                + "'],'PolicyDocument':" + queuePolicy + "}"));
        assertTrue(sqs.getQueueAttributes(b -> b.queueUrl(queue.id()).attributeNames(QueueAttributeName.POLICY))
                .attributes().get(QueueAttributeName.POLICY).contains("sns.amazonaws.com"));
        delete(qp);
        assertNull(sqs.getQueueAttributes(b -> b.queueUrl(queue.id()).attributeNames(QueueAttributeName.POLICY))
                .attributes().get(QueueAttributeName.POLICY));

        for (Deployed d : List.of(sub2, topic2, queue, qp, tp)) {
            delete(d);
            delete(d);
        }
        assertTrue(sns.listTopics().topics().isEmpty());
    }

    @Test
    void tableWithIndexesStreamAndTtlChangesInPlace() {
        DynamoDbClient ddb = client(DynamoDbClient.class);
        String base = "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk',"
                + "'AttributeType':'S'},{'AttributeName':'gsi','AttributeType':'S'}],'KeySchema':[{'AttributeName':"
                + "'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],'BillingMode':'PAY_PER_REQUEST',"
                + "'LocalSecondaryIndexes':[{'IndexName':'bySk','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
                + "{'AttributeName':'gsi','KeyType':'RANGE'}],'Projection':{'ProjectionType':'KEYS_ONLY'}}]";
        Deployed table = create(new TableHandler(), "Orders", props("{" + base + ",'GlobalSecondaryIndexes':"
                + "[{'IndexName':'byGsi','KeySchema':[{'AttributeName':'gsi','KeyType':'HASH'}],'Projection':"
                + "{'ProjectionType':'ALL'}}],'StreamSpecification':{'StreamViewType':'NEW_IMAGE'},"
                + "'TimeToLiveSpecification':{'AttributeName':'expires','Enabled':true}}"));
        TableDescription t = ddb.describeTable(b -> b.tableName(table.id())).table();
        assertEquals(t.tableArn(), table.att("Arn"));
        assertEquals(t.latestStreamArn(), table.att("StreamArn"));
        assertEquals("byGsi", t.globalSecondaryIndexes().get(0).indexName());
        assertEquals("bySk", t.localSecondaryIndexes().get(0).indexName());
        assertEquals("ENABLED", ddb.describeTimeToLive(b -> b.tableName(table.id())).timeToLiveDescription()
                .timeToLiveStatusAsString());

        assertTrue(replaces(table, props("{" + base.replace("'sk','KeyType':'RANGE'", "'gsi','KeyType':'RANGE'")
                + "}")));
        Deployed table2 = update(table, props("{" + base + ",'GlobalSecondaryIndexes':[{'IndexName':'bySk2',"
                + "'KeySchema':[{'AttributeName':'sk','KeyType':'HASH'}],'Projection':{'ProjectionType':'ALL'}}]}"));
        t = ddb.describeTable(b -> b.tableName(table.id())).table();
        assertEquals(List.of("bySk2"), t.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
        assertTrue(t.streamSpecification() == null || !t.streamSpecification().streamEnabled());
        assertEquals("DISABLED", ddb.describeTimeToLive(b -> b.tableName(table.id())).timeToLiveDescription()
                .timeToLiveStatusAsString());
        delete(table2);
        assertTrue(ddb.listTables().tableNames().isEmpty());
        delete(table2);
    }
}
